package io.github.springmailgun.analytics;

import java.time.Instant;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.springmailgun.testing.LoopbackMailgun.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The deprecated Stats API, still offered for accounts that use it.
 */
@SuppressWarnings("deprecation")
class StatsTests {

	private final LoopbackMailgun server = new LoopbackMailgun();

	private final AnalyticsOperations analytics = this.server.client().analytics();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void sendsRepeatedEventsAndReadsTheDocumentedAnswer() {
		this.server.respond(200, fixture(getClass(), "stats-total.json"));

		StatsResponse response = this.analytics.stats(StatsQuery.builder("accepted", "delivered")
			.events("opened", "clicked")
			.start(Instant.parse("2012-02-14T00:00:00Z"))
			.end(Instant.parse("2012-04-01T00:00:00Z"))
			.resolution(Resolution.MONTH)
			.durationMonths(1)
			.build()).block();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/stats/total");
		assertThat(request.getUrl().queryParameterValues("event")).containsExactly("accepted", "delivered", "opened",
				"clicked");
		assertThat(request.getUrl().queryParameter("start")).isEqualTo("Tue, 14 Feb 2012 00:00:00 +0000");
		assertThat(request.getUrl().queryParameter("end")).isEqualTo("Sun, 01 Apr 2012 00:00:00 +0000");
		assertThat(request.getUrl().queryParameter("resolution")).isEqualTo("month");
		assertThat(request.getUrl().queryParameter("duration")).isEqualTo("1m");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo(LoopbackMailgun.expectedAuthorization());

		assertThat(response.description()).isEqualTo("Optional Description");
		assertThat(response.start()).isEqualTo(Instant.parse("2012-02-14T00:00:00Z"));
		assertThat(response.end()).isEqualTo(Instant.parse("2012-04-01T00:00:00Z"));
		assertThat(response.resolution()).isEqualTo("month");
		StatsItem april = response.stats().get(0);
		assertThat(april.time()).isEqualTo(Instant.parse("2012-04-01T00:00:00Z"));
		assertThat(april.accepted()).isEqualTo(new StatsItem.Accepted(2, 1, 3));
		assertThat(april.delivered()).isEqualTo(new StatsItem.Delivered(15, 10, 5, 20));
		assertThat(april.opened()).isEqualTo(new StatsItem.Unique(20, 1));
		assertThat(april.clicked()).isEqualTo(new StatsItem.Unique(1, 1));
		assertThat(april.failed()).isNull();
	}

	@Test
	void readsFailures() {
		this.server.respond(200, """
				{"description":"","start":"Tue, 14 Feb 2012 00:00:00 UTC","end":"Fri, 01 Apr 2012 00:00:00 UTC",
				 "resolution":"day","stats":[{"time":"Fri, 01 Apr 2012 00:00:00 UTC",
				 "failed":{"temporary":{"espblock":1,"total":2},"permanent":{"suppress-bounce":3,"suppress-unsubscribe":4,
				 "suppress-complaint":5,"bounce":6,"delayed-bounce":7,"webhook":8,"optimized":9,"total":42}},
				 "unsubscribed":{"total":11},"complained":{"total":12},"stored":{"total":13}}]}""");

		StatsItem day = this.analytics.stats(StatsQuery.builder("failed").build()).block().stats().get(0);

		assertThat(this.server.takeRequest().getTarget()).isEqualTo("/v3/mg.example.com/stats/total?event=failed");
		assertThat(day.failed().temporary()).isEqualTo(new StatsItem.Temporary(1, 2));
		assertThat(day.failed().permanent()).isEqualTo(new StatsItem.Permanent(3, 4, 5, 6, 7, 8, 9, 42));
		assertThat(day.unsubscribed().total()).isEqualTo(11);
		assertThat(day.complained().total()).isEqualTo(12);
		assertThat(day.stored().total()).isEqualTo(13);
	}

	@Test
	void aCounterMailgunLeavesOutReadsAsZero() {
		// The schemas of opened and clicked require only total; Mailgun added delivered.optimized and
		// permanent.webhook over the years, so older answers lack them.
		this.server.respond(200, """
				{"stats":[{"time":"Fri, 01 Apr 2012 00:00:00 UTC","accepted":{"outgoing":1,"incoming":null,"total":1},
				 "delivered":{"smtp":2,"http":0,"total":2},"opened":{"total":3},
				 "failed":{"permanent":{"bounce":4,"total":4}}}]}""");

		StatsItem day = this.analytics.stats(StatsQuery.builder("accepted").build()).block().stats().get(0);

		assertThat(day.accepted()).isEqualTo(new StatsItem.Accepted(0, 1, 1));
		assertThat(day.delivered()).isEqualTo(new StatsItem.Delivered(2, 0, 0, 2));
		assertThat(day.opened()).isEqualTo(new StatsItem.Unique(3, 0));
		assertThat(day.failed().permanent()).isEqualTo(new StatsItem.Permanent(0, 0, 0, 4, 0, 0, 0, 4));
	}

	@Test
	void isBoundToTheDomainOfItsOperations() {
		this.server.respond(200, fixture(getClass(), "stats-total.json"));
		this.server.client().forDomain("other.example.com").analytics().stats(StatsQuery.builder("delivered").build())
			.block();
		assertThat(this.server.takeRequest().getUrl().encodedPath()).isEqualTo("/v3/other.example.com/stats/total");
	}

	@Test
	void needsAnEvent() {
		assertThatThrownBy(() -> StatsQuery.builder().build()).isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'event'");
		assertThat(this.server.requestCount()).isZero();
	}

}
