package io.github.springmailgun.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.event.DeliveredEvent;
import io.github.springmailgun.event.FailedEvent;
import io.github.springmailgun.event.FailureSeverity;
import io.github.springmailgun.event.MailgunEvent;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.RecordedRequest;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import static io.github.springmailgun.testing.LoopbackMailgun.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The deprecated Events API: filters, the OpenAPI document's examples, and lazy paging that only
 * follows links to trusted hosts.
 */
@SuppressWarnings("deprecation")
class EventsTests {

	private static final String DOCUMENTED_NEXT = "https://api.mailgun.net/v3/samples.mailgun.org/events/W3siY...";

	private final LoopbackMailgun server = new LoopbackMailgun();

	private final AnalyticsOperations analytics = this.server.client().analytics();

	@AfterEach
	void stop() {
		this.server.close();
	}

	/** An example page whose next link points at this server instead of Mailgun. */
	private String example(String name, String nextPath) {
		String json = fixture(getClass(), name);
		assertThat(json).contains(DOCUMENTED_NEXT);
		return json.replace(DOCUMENTED_NEXT, this.server.baseUrl() + nextPath);
	}

	private String emptyPage() {
		return "{\"items\":[],\"paging\":{\"next\":\"" + this.server.baseUrl() + "/v3/mg.example.com/events/END\"}}";
	}

	@Test
	void sendsFiltersAndFollowsTheNextLinkUntilAnEmptyPage() {
		this.server.respond(200, example("events-delivered.json", "/v3/mg.example.com/events/PAGE2"))
			.respond(200, example("events-failed.json", "/v3/mg.example.com/events/PAGE3"))
			.respond(200, emptyPage());
		EventsQuery query = EventsQuery.builder()
			.begin(Instant.parse("2018-06-22T00:00:00Z"))
			.ascending(true)
			.limit(300)
			.event("delivered OR failed")
			.recipient("john@example.com")
			.messageId("20180622182958.1.48906CB188F1A454@exmple.org")
			.filter("attachment", "report.pdf")
			.build();

		List<MailgunEvent> events = this.analytics.events(query).collectList().block();

		RecordedRequest first = this.server.takeRequest();
		assertThat(first.getMethod()).isEqualTo("GET");
		assertThat(first.getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/events");
		assertThat(first.getUrl().queryParameter("begin")).isEqualTo("1529625600");
		assertThat(first.getUrl().queryParameter("ascending")).isEqualTo("yes");
		assertThat(first.getUrl().queryParameter("limit")).isEqualTo("300");
		assertThat(first.getUrl().queryParameter("event")).isEqualTo("delivered OR failed");
		assertThat(first.getUrl().queryParameter("recipient")).isEqualTo("john@example.com");
		assertThat(first.getUrl().queryParameter("message-id")).isEqualTo("20180622182958.1.48906CB188F1A454@exmple.org");
		assertThat(first.getUrl().queryParameter("attachment")).isEqualTo("report.pdf");
		assertThat(first.getHeaders().get("Authorization")).isEqualTo(LoopbackMailgun.expectedAuthorization());
		RecordedRequest second = this.server.takeRequest();
		assertThat(second.getTarget()).isEqualTo("/v3/mg.example.com/events/PAGE2");
		assertThat(second.getHeaders().get("Authorization")).isEqualTo(LoopbackMailgun.expectedAuthorization());
		assertThat(this.server.takeRequest().getTarget()).isEqualTo("/v3/mg.example.com/events/PAGE3");
		assertThat(this.server.requestCount()).isEqualTo(3);

		assertThat(events).extracting(MailgunEvent::event).containsExactly("delivered", "failed");
		DeliveredEvent delivered = (DeliveredEvent) events.get(0);
		assertThat(delivered.id()).isEqualTo("hK7mQVt1QtqRiOfQXta4sw");
		assertThat(delivered.timestamp()).isEqualTo(Instant.parse("2018-06-22T18:29:59.626182Z"));
		assertThat(delivered.fields()).containsEntry("log-level", "info");
		assertThat(delivered.recipient()).isEqualTo("john@example.com");
		assertThat(delivered.fields()).containsEntry("recipient-provider", "Gmail");
		assertThat(delivered.deliveryStatus().code()).isEqualTo(250);
		assertThat(delivered.deliveryStatus().mxHost()).isEqualTo("aspmx.l.example.com");
		assertThat(delivered.messageId()).isEqualTo("20180622182958.1.48906CB188F1A454@exmple.org");
		assertThat(delivered.data().message().subject()).isEqualTo("Test Subject");
		assertThat(delivered.fields().get("message")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
			.containsEntry("size", 586);
		assertThat(delivered.fields().get("envelope")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
			.containsEntry("sending-ip", "123.123.123.123");
		assertThat(delivered.data().storage().key()).isEqualTo("AwABB...");
		assertThat(delivered.userVariables()).isEmpty();
		assertThat(delivered.fields()).containsKey("flags");
		FailedEvent failed = (FailedEvent) events.get(1);
		assertThat(failed.severity()).isEqualTo(FailureSeverity.PERMANENT);
		assertThat(failed.reason()).isEqualTo("suppress-bounce");
		assertThat(failed.deliveryStatus().description()).isEqualTo("Not delivering to previously bounced address");
	}

	/** Mailgun's event links add one page token to the list's path; nothing else of a trusted host is followed. */
	@ParameterizedTest
	@ValueSource(strings = { "/v5/accounts/http_signing_key", "/v3/mg.example.com/events/PAGE2/%2e%2e/%2e%2e",
			"/v3/mg.example.com/events/%2e%2e", "/v3/mg.example.com/events/..", "/v3/other.example.com/events/PAGE2",
			"/v3/mg.example.com/bounces" })
	void refusesANextLinkOutsideTheEventsOfTheDomain(String nextPath) {
		this.server.respond(200, example("events-delivered.json", nextPath));
		StepVerifier.create(this.analytics.events(EventsQuery.builder().build()))
			.expectNextCount(1)
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(MailgunValidationException.class,
					ex -> assertThat(ex.getParameter()).isEqualTo("paging.next")))
			.verify(java.time.Duration.ofSeconds(5));
		this.server.takeRequest();
		this.server.assertNoMoreRequests();
	}

	@ParameterizedTest
	@ValueSource(strings = { "accepted", "rejected", "delivered", "failed", "opened", "clicked", "unsubscribed",
			"complained", "stored" })
	void readsEveryDocumentedExample(String type) {
		this.server.respond(200, example("events-" + type + ".json", "/v3/mg.example.com/events/NEXT"));

		MailgunEvent event = this.analytics.events(EventsQuery.builder().build()).take(1).single().block();

		assertThat(event.event()).isEqualTo(type);
		assertThat(event.id()).isNotBlank();
		assertThat(event.timestamp()).isAfter(Instant.parse("2013-01-01T00:00:00Z"));
		assertThat(event.fields()).containsEntry("event", type);
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	void cancellingStopsRequestingPages() throws InterruptedException {
		this.server.respond(200, example("events-delivered.json", "/v3/mg.example.com/events/PAGE2"))
			.respond(200, example("events-failed.json", "/v3/mg.example.com/events/PAGE3"))
			.respond(200, example("events-opened.json", "/v3/mg.example.com/events/PAGE4"));

		assertThat(this.analytics.events(EventsQuery.builder().build()).take(2).collectList().block()).hasSize(2);

		this.server.barrier();
		assertThat(this.server.requestCount()).isEqualTo(2);
	}

	@Test
	void refusesToFollowALinkToAnUntrustedHost() throws InterruptedException {
		String json = fixture(getClass(), "events-delivered.json")
			.replace(DOCUMENTED_NEXT, "https://attacker.example.net/v3/samples.mailgun.org/events/W3siY");
		this.server.respond(200, json);

		StepVerifier.create(this.analytics.events(EventsQuery.builder().build()).map(MailgunEvent::event))
			.expectNext("delivered")
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(MailgunValidationException.class)
				.hasMessageContaining("attacker.example.net"))
			.verify(Duration.ofSeconds(5));
		this.server.barrier();
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	void refusesQueriesMailgunWouldRejectBeforeAnyRequest() {
		assertThatThrownBy(() -> EventsQuery.builder().begin(Instant.parse("2018-06-22T00:00:00Z")).build())
			.isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'ascending'");
		assertThatThrownBy(() -> EventsQuery.builder().limit(301)).isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'limit'");
		assertThat(this.server.requestCount()).isZero();
	}

	@Test
	void sendsAFractionalEndAndDescendingOrder() {
		this.server.respond(200, emptyPage());
		this.analytics.events(EventsQuery.builder()
			.begin(Instant.parse("2018-06-23T00:00:00Z"))
			.end(Instant.parse("2018-06-22T00:00:00.25Z"))
			.ascending(false)
			.build()).blockLast();
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getUrl().queryParameter("end")).isEqualTo("1529625600.25");
		assertThat(request.getUrl().queryParameter("ascending")).isEqualTo("no");
	}

}
