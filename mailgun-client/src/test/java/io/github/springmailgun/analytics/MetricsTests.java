package io.github.springmailgun.analytics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.MailgunDates;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.github.springmailgun.testing.LoopbackMailgun.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Metrics API: the request body the builder writes and the parsing of the OpenAPI document's example.
 */
class MetricsTests {

	private final LoopbackMailgun server = new LoopbackMailgun();

	private final AnalyticsOperations analytics = this.server.client().analytics();

	@AfterEach
	void stop() {
		this.server.close();
	}

	/** The document's request example with its dates written the way the client writes the same instants. */
	static JsonNode example(Class<?> owner, String name) {
		ObjectNode example = (ObjectNode) LoopbackMailgun.json(fixture(owner, name));
		for (String field : new String[] { "start", "end" }) {
			example.put(field, MailgunDates.format(MailgunDates.parse(example.get(field).asString())));
		}
		return example;
	}

	@Test
	void sendsTheDocumentedQueryAndReadsTheDocumentedAnswer() {
		this.server.respond(200, fixture(getClass(), "metrics.json"));
		MetricsQuery query = MetricsQuery.builder()
			.start(MailgunDates.parse("Mon, 13 Nov 2023 20:56:50 -0600"))
			.end(MailgunDates.parse("Wed, 20 Dec 2023 20:56:50 -0600"))
			.resolution(Resolution.MONTH)
			.durationMonths(1)
			.dimensions("time")
			.metrics("accepted_count", "delivered_count", "clicked_rate", "opened_rate")
			.filter(AnalyticsFilter.domain("example.com"))
			.includeSubaccounts(true)
			.includeAggregates(true)
			.build();

		MetricsResponse response = this.analytics.metrics(query).block();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v1/analytics/metrics");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo(LoopbackMailgun.expectedAuthorization());
		assertThat(LoopbackMailgun.json(request)).isEqualTo(example(getClass(), "metrics-request.json"));

		assertThat(response.start()).isEqualTo(Instant.parse("2023-11-14T02:56:50Z"));
		assertThat(response.end()).isEqualTo(Instant.parse("2023-12-21T02:56:50Z"));
		assertThat(response.resolution()).isEqualTo("month");
		assertThat(response.duration()).isEqualTo("1m");
		assertThat(response.pagination()).isEqualTo(new MetricsPagination("timestamp:asc", 1, 10L, 1000L));
		assertThat(response.items()).hasSize(2);
		MetricsItem november = response.items().get(0);
		assertThat(november.dimension("time")).isEqualTo("Wed, 01 Nov 2023 00:00:00 +0000");
		assertThat(november.dimensions()).singleElement()
			.extracting(MetricsDimension::displayValue)
			.isEqualTo("Wed, 01 Nov 2023 00:00:00 +0000");
		assertThat(november.count("accepted_count")).isEqualTo(40);
		assertThat(november.count("delivered_smtp_count")).isEqualTo(40);
		assertThat(november.count("delivered_count")).isEqualTo(60);
		assertThat(november.metric("clicked_rate")).isEqualByComparingTo(new BigDecimal("0.83"));
		assertThat(november.metric("bounce_rate")).isNull();
		assertThat(november.count("bounced_count")).isZero();
		assertThat(response.items().get(1).dimension("time")).isEqualTo("Fri, 01 Dec 2023 00:00:00 +0000");
		assertThat(response.aggregates()).isNotNull();
		assertThat(response.aggregates().metrics()).isEmpty();
	}

	@Test
	void writesPaginationAndDurationsInMailgunsForm() {
		this.server.respond(200, "{\"items\":[]}").respond(200, "{\"items\":[]}");

		this.analytics.metrics(MetricsQuery.builder()
			.metrics("delivered_count")
			.duration(Duration.ofDays(7))
			.sort("domain:asc")
			.skip(20)
			.limit(10)
			.build()).block();
		this.analytics.metrics(MetricsQuery.builder().metrics("delivered_count").duration(Duration.ofHours(36)).build())
			.block();

		assertThat(LoopbackMailgun.json(this.server.takeRequest())).isEqualTo(LoopbackMailgun.json("""
				{"duration":"7d","metrics":["delivered_count"],
				 "pagination":{"sort":"domain:asc","skip":20,"limit":10}}"""));
		assertThat(LoopbackMailgun.json(this.server.takeRequest()).get("duration").asString()).isEqualTo("36h");
	}

	@Test
	void aPaginationWithoutTotalOrLimitSaysSo() {
		this.server.respond(200, "{\"items\":[],\"pagination\":{\"sort\":\"timestamp:asc\",\"total\":null}}");

		MetricsResponse response = this.analytics.metrics(MetricsQuery.builder().metrics("accepted_count").build())
			.block();

		assertThat(response.pagination()).isEqualTo(new MetricsPagination("timestamp:asc", 0, null, null));
	}

	@Test
	void isAccountLevelWhateverTheBoundDomain() {
		this.server.respond(200, "{\"items\":[]}");
		MetricsResponse response = this.server.client()
			.forDomain("other.example.com")
			.analytics()
			.metrics(MetricsQuery.builder().metrics("accepted_count").build())
			.block();
		assertThat(this.server.takeRequest().getTarget()).isEqualTo("/v1/analytics/metrics");
		assertThat(response.items()).isEmpty();
		assertThat(response.dimensions()).isEmpty();
	}

	@Test
	void refusesQueriesMailgunWouldRejectBeforeAnyRequest() {
		assertThatThrownBy(() -> MetricsQuery.builder().build()).isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'metrics'");
		assertThatThrownBy(() -> MetricsQuery.builder().duration(Duration.ofMinutes(90)))
			.isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'duration'");
		assertThatThrownBy(() -> MetricsQuery.builder()
			.metrics("accepted_count")
			.start(Instant.parse("2024-02-01T00:00:00Z"))
			.end(Instant.parse("2024-01-01T00:00:00Z"))
			.build()).isInstanceOf(MailgunValidationException.class).hasMessageContaining("'start'");
		assertThatThrownBy(() -> FilterPredicate.equal("domain")).isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'filter.values'");
		assertThatThrownBy(() -> this.analytics.metrics(null).block()).isInstanceOf(MailgunValidationException.class);
		assertThat(this.server.requestCount()).isZero();
	}

	@Test
	void writesEveryComparator() {
		this.server.respond(200, "{\"items\":[]}");
		AnalyticsFilter filter = AnalyticsFilter.of(FilterPredicate.notEqual("tag", "a"))
			.and(FilterPredicate.contains("recipient_domain", "gmail"))
			.and(FilterPredicate.notContains("ip_pool", "x", "y"))
			.and(new FilterPredicate("country", "=", java.util.List.of(new LabeledValue("France", "FR"))));

		this.analytics.metrics(MetricsQuery.builder().metrics("accepted_count").filter(filter).build()).block();

		assertThat(LoopbackMailgun.json(this.server.takeRequest()).get("filter")).isEqualTo(LoopbackMailgun.json("""
				{"AND":[
				 {"attribute":"tag","comparator":"!=","values":[{"label":"a","value":"a"}]},
				 {"attribute":"recipient_domain","comparator":"contains","values":[{"label":"gmail","value":"gmail"}]},
				 {"attribute":"ip_pool","comparator":"not contains","values":[{"label":"x","value":"x"},{"label":"y","value":"y"}]},
				 {"attribute":"country","comparator":"=","values":[{"label":"France","value":"FR"}]}]}"""));
	}

}
