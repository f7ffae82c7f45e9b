package io.github.springmailgun.analytics;

import java.time.Instant;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * The deprecated Stats API beyond one domain's totals: the account's totals, per domain, filtered and
 * grouped, and a domain's aggregates by provider, device and country, bound to the OpenAPI examples.
 */
@SuppressWarnings("deprecation")
class AccountStatsTests {

	private final LoopbackMailgun mailgun = new LoopbackMailgun();

	private final AnalyticsOperations analytics = this.mailgun.mailgun().analytics();

	@AfterEach
	void stop() {
		this.mailgun.close();
	}

	@Test
	void accountStatsReadTheAccountTotals() {
		this.mailgun.enqueueFixture("analytics/stats-account-total.json");
		StatsResponse response = this.analytics.accountStats(StatsQuery.builder("accepted", "delivered")
			.start(Instant.parse("2012-02-14T00:00:00Z"))
			.resolution(Resolution.MONTH)
			.build()).block();
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo(
				"/v3/stats/total?event=accepted&event=delivered&start=Tue%2C%2014%20Feb%202012%2000%3A00%3A00%20%2B0000&resolution=month");
		assertDocumentedExample(response);
	}

	@Test
	void accountStatsByDomainReadOneBucketAtATimestamp() {
		this.mailgun.enqueueFixture("analytics/stats-account-total-domains.json");
		StatsResponse response = this.analytics.accountStatsByDomain(
				StatsQuery.builder("delivered").resolution(Resolution.HOUR).build(),
				Instant.parse("2024-01-01T00:00:00Z"), 50).block();
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getUrl().encodedPath()).isEqualTo("/v3/stats/total/domains");
		assertThat(request.getUrl().queryParameterValues("event")).containsExactly("delivered");
		assertThat(LoopbackMailgun.query(request, "resolution")).isEqualTo("hour");
		assertThat(LoopbackMailgun.query(request, "timestamp")).isEqualTo("Mon, 01 Jan 2024 00:00:00 +0000");
		assertThat(LoopbackMailgun.query(request, "limit")).isEqualTo("50");
		assertThat(request.getUrl().queryParameterNames()).containsExactlyInAnyOrder("event", "resolution", "timestamp",
				"limit");
		assertDocumentedExample(response);
	}

	@Test
	void accountStatsByDomainRefuseAPeriodTheEndpointDoesNotRead() {
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.analytics
				.accountStatsByDomain(StatsQuery.builder("delivered").start(Instant.EPOCH).build(), Instant.EPOCH)
				.block())
			.withMessageContaining("'start'");
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void accountStatsFilteredAndGrouped() {
		this.mailgun.enqueueFixture("analytics/stats-account-filter.json");
		StatsResponse response = this.analytics
			.accountStats(StatsQuery.builder("opened").build(), "domain:mg.example.com", StatsGroup.PROVIDER)
			.block();
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getTarget())
			.isEqualTo("/v3/stats/filter?event=opened&filter=domain%3Amg.example.com&group=provider");
		assertDocumentedExample(response);
	}

	@Test
	void aFilterNeedsAKeyAndAValue() {
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.analytics.accountStats(StatsQuery.builder("opened").build(), "mg.example.com", null)
				.block())
			.withMessageContaining("'filter'");
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void aggregatesByProviderDeviceAndCountryOfTheDomain() {
		this.mailgun.enqueueFixture("analytics/aggregates-providers.json");
		this.mailgun.enqueueFixture("analytics/aggregates-devices.json");
		this.mailgun.enqueueFixture("analytics/aggregates-countries.json");

		Map<String, AggregateCounts> providers = this.analytics.aggregatesByProvider().block();
		Map<String, AggregateCounts> devices = this.analytics.aggregatesByDevice().block();
		Map<String, AggregateCounts> countries = this.analytics.aggregatesByCountry().block();

		assertThat(this.mailgun.takeRequest().getTarget()).isEqualTo("/v3/mg.example.com/aggregates/providers");
		assertThat(this.mailgun.takeRequest().getTarget()).isEqualTo("/v3/mg.example.com/aggregates/devices");
		assertThat(this.mailgun.takeRequest().getTarget()).isEqualTo("/v3/mg.example.com/aggregates/countries");
		assertThat(providers).containsExactly(entry("aol.com", new AggregateCounts(0L, 1L, 1L, 1L, 0L)),
				entry("gmail.com", new AggregateCounts(0L, 2L, 1L, 1L, 0L)));
		assertThat(devices).containsOnlyKeys("desktop", "mobile", "tablet", "unknown");
		assertThat(devices.get("tablet").clicked()).isEqualTo(2);
		assertThat(countries).containsOnlyKeys("ru", "us");
		assertThat(countries.get("us").uniqueClicked()).isEqualTo(1);
	}

	@Test
	void aggregatesReadAMissingCounterAsZeroAndAMissingSectionAsEmpty() {
		this.mailgun.respond(200, "{\"providers\": {\"yahoo.com\": {\"opened\": 4, \"bounced\": 9}}}");
		this.mailgun.respond(200, "{}");
		assertThat(this.analytics.aggregatesByProvider().block())
			.containsExactly(entry("yahoo.com", new AggregateCounts(0L, 0L, 4L, 0L, 0L)));
		assertThat(this.analytics.aggregatesByCountry().block()).isEmpty();
	}

	@Test
	void aggregatesAreBoundToTheDomainOfTheirOperations() {
		this.mailgun.enqueueFixture("analytics/aggregates-devices.json");
		this.mailgun.mailgun().forDomain("other.example.com").analytics().aggregatesByDevice().block();
		assertThat(this.mailgun.takeRequest().getTarget()).isEqualTo("/v3/other.example.com/aggregates/devices");
	}

	private static void assertDocumentedExample(StatsResponse response) {
		assertThat(response.description()).isEqualTo("Optional Description");
		assertThat(response.start()).isEqualTo(Instant.parse("2012-02-14T00:00:00Z"));
		assertThat(response.resolution()).isEqualTo("month");
		assertThat(response.stats()).hasSize(1);
		// Accessors rather than constructors: the counters' types may change from long to Long.
		assertThat(response.stats().get(0).delivered().smtp()).isEqualTo(15);
		assertThat(response.stats().get(0).delivered().total()).isEqualTo(20);
		assertThat(response.stats().get(0).opened().unique()).isEqualTo(1);
	}

}
