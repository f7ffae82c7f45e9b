package io.github.springmailgun.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.event.FailedEvent;
import io.github.springmailgun.event.MailgunEvent;
import io.github.springmailgun.internal.MailgunDates;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.RecordedRequest;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static io.github.springmailgun.testing.LoopbackMailgun.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Logs API: one page, and the lazy sequence that follows the pagination token.
 */
class LogsTests {

	private final LoopbackMailgun server = new LoopbackMailgun();

	private final AnalyticsOperations analytics = this.server.client().analytics();

	@AfterEach
	void stop() {
		this.server.close();
	}

	private static LogsQuery.Builder documentedQuery() {
		return LogsQuery.builder()
			.start(MailgunDates.parse("Mon, 08 Jul 2024 00:00:00 -0000"))
			.end(MailgunDates.parse("Fri, 12 Jul 2024 00:00:00 -0000"))
			.filter(AnalyticsFilter.domain("example.com"))
			.includeSubaccounts(true)
			.sort("timestamp:asc")
			.limit(50);
	}

	private static String page(String id, String next) {
		return "{\"start\":\"Mon, 08 Jul 2024 00:00:00 -0000\",\"end\":\"Fri, 12 Jul 2024 00:00:00 -0000\","
				+ "\"items\":[{\"id\":\"" + id + "\",\"event\":\"delivered\",\"@timestamp\":\"2024-07-08T16:30:18.530Z\","
				+ "\"domain\":{\"name\":\"example.com\"}}],\"pagination\":{\"next\":\"" + next + "\"}}";
	}

	private static final String EMPTY_PAGE = "{\"start\":\"Mon, 08 Jul 2024 00:00:00 -0000\","
			+ "\"end\":\"Fri, 12 Jul 2024 00:00:00 -0000\",\"items\":[],\"pagination\":{\"next\":\"t9\"}}";

	@Test
	void userVariablesWrittenAsJsonTextAreReadAsAnObject() {
		// The Logs API's schema (LogEvent) types user-variables as a string of JSON; events and webhooks
		// carry an object.
		this.server.respond(200, "{\"start\":\"Mon, 08 Jul 2024 00:00:00 -0000\",\"end\":\"Fri, 12 Jul 2024 00:00:00 -0000\","
				+ "\"items\":[{\"id\":\"a\",\"event\":\"delivered\",\"@timestamp\":\"2024-07-08T16:30:18.530Z\","
				+ "\"user-variables\":\"{\\\"order\\\":\\\"42\\\",\\\"vip\\\":true}\"},"
				+ "{\"id\":\"b\",\"event\":\"delivered\",\"@timestamp\":\"2024-07-08T16:30:19.530Z\","
				+ "\"user-variables\":\"not json\"}],\"pagination\":{}}");

		LogsPage page = this.analytics.logsPage(documentedQuery().build()).block();

		assertThat(page.items().get(0).userVariables()).containsEntry("order", "42").containsEntry("vip", true);
		assertThat(page.items().get(1).userVariables()).isEmpty();
	}

	@Test
	void readsOnePageWithTheDocumentedQuery() {
		this.server.respond(200, fixture(getClass(), "logs.json"));

		LogsPage page = this.analytics.logsPage(documentedQuery().token("cjsijbijewbu78t678tVTYUYU76754fyuiksin865g").build())
			.block();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v1/analytics/logs");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo(LoopbackMailgun.expectedAuthorization());
		assertThat(LoopbackMailgun.json(request)).isEqualTo(MetricsTests.example(getClass(), "logs-request.json"));

		assertThat(page.start()).isEqualTo(Instant.parse("2024-07-08T00:00:00Z"));
		assertThat(page.end()).isEqualTo(Instant.parse("2024-07-12T00:00:00Z"));
		assertThat(page.pagination()).isEqualTo(new LogsPagination("cjsijbijewbu78t678tVTYUYU76754fyuiksi23h75",
				"cjsijbijewbu78t678tVTYUYU76754fyuiksin98hh", "cjsijbijewbu78t678tVTYUYU76754fyuiksin865g",
				"875bunjnWkmis75bjklnsdk0s7jksnjknlknc64aTR", 100L));
		assertThat(page.aggregates()).isNotNull();
		assertThat(page.aggregates().metrics()).isEmpty();
		FailedEvent failed = (FailedEvent) page.items().get(0);
		assertThat(failed.id()).isEqualTo("JDhSWf9mT5OFxCkZfpDU5d");
		assertThat(failed.event()).isEqualTo("failed");
		assertThat(failed.timestamp()).isEqualTo(Instant.parse("2024-07-08T16:30:18.530Z"));
		assertThat(failed.fields().get("domain")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class)).containsEntry("name", "example.com");
		assertThat(failed.recipient()).isEqualTo("example@gmail.com");
		assertThat(failed.fields()).containsEntry("recipient-domain", "gmail.com")
			.containsEntry("recipient-provider", "Gmail");
		assertThat(failed.deliveryStatus().code()).isEqualTo(680);
		assertThat(failed.deliveryStatus().attemptNo()).isEqualTo(5);
		assertThat(failed.deliveryStatus().retrySeconds()).isEqualTo(145);
		assertThat(failed.deliveryStatus().message()).isEqualTo("Turret client: server connection failed");
		assertThat(failed.fields().get("envelope")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
			.containsEntry("sending-ip", "198.52.100.1")
			.containsEntry("sender", "bob@example.com");
		assertThat(failed.tags()).isEmpty();
		assertThat(failed.fields()).containsKey("account").containsEntry("recipient", "example@gmail.com");
	}

	@Test
	void followsTheNextTokenUntilAnEmptyPage() {
		this.server.respond(200, page("one", "t2")).respond(200, page("two", "t3")).respond(200, EMPTY_PAGE);

		List<String> ids = this.analytics.logs(LogsQuery.builder().duration(Duration.ofDays(1)).events("delivered").build())
			.map(MailgunEvent::id)
			.collectList()
			.block();

		assertThat(ids).containsExactly("one", "two");
		assertThat(this.server.requestCount()).isEqualTo(3);
		RecordedRequest first = this.server.takeRequest();
		assertThat(LoopbackMailgun.json(first))
			.isEqualTo(LoopbackMailgun.json("{\"duration\":\"1d\",\"events\":[\"delivered\"]}"));
		assertThat(first.getHeaders().get("Authorization")).isEqualTo(LoopbackMailgun.expectedAuthorization());
		RecordedRequest second = this.server.takeRequest();
		assertThat(second.getTarget()).isEqualTo("/v1/analytics/logs");
		assertThat(LoopbackMailgun.json(second)).isEqualTo(LoopbackMailgun.json(
				"{\"duration\":\"1d\",\"events\":[\"delivered\"],\"pagination\":{\"token\":\"t2\"}}"));
		assertThat(LoopbackMailgun.json(this.server.takeRequest()).get("pagination").get("token").asString()).isEqualTo("t3");
	}

	@Test
	void cancellingStopsRequestingPages() throws InterruptedException {
		this.server.respond(200, page("one", "t2")).respond(200, page("two", "t3")).respond(200, page("three", "t4"));

		assertThat(this.analytics.logs(LogsQuery.builder().build()).take(2).collectList().block()).hasSize(2);

		this.server.barrier();
		assertThat(this.server.requestCount()).isEqualTo(2);
	}

	@Test
	void requestsTheNextPageOnlyWhenTheSubscriberWantsMore() {
		this.server.respond(200, page("one", "t2")).respond(200, page("two", "t3"));

		StepVerifier.create(this.analytics.logs(LogsQuery.builder().build()).map(MailgunEvent::id), 1)
			.expectNext("one")
			.then(this.server::barrier)
			.then(() -> assertThat(this.server.requestCount()).isEqualTo(1))
			.thenRequest(1)
			.expectNext("two")
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		assertThat(this.server.requestCount()).isEqualTo(2);
	}

	@Test
	void endsWhenThereIsNoNextToken() {
		this.server.respond(200, page("one", ""));
		assertThat(this.analytics.logs(LogsQuery.builder().build()).collectList().block()).hasSize(1);
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	void refusesQueriesMailgunWouldRejectBeforeAnyRequest() {
		assertThatThrownBy(() -> LogsQuery.builder().limit(101)).isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'pagination.limit'");
		assertThatThrownBy(() -> LogsQuery.builder().events(" ")).isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'events'");
		assertThatThrownBy(() -> this.analytics.logs(null).blockLast()).isInstanceOf(MailgunValidationException.class);
		assertThat(this.server.requestCount()).isZero();
	}

}
