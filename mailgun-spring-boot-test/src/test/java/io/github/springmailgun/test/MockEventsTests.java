package io.github.springmailgun.test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.analytics.EventsQuery;
import io.github.springmailgun.analytics.LogsPage;
import io.github.springmailgun.analytics.LogsQuery;
import io.github.springmailgun.event.AcceptedEvent;
import io.github.springmailgun.event.ClickedEvent;
import io.github.springmailgun.event.ComplainedEvent;
import io.github.springmailgun.event.DeliveredEvent;
import io.github.springmailgun.event.EventType;
import io.github.springmailgun.event.FailedEvent;
import io.github.springmailgun.event.FailureSeverity;
import io.github.springmailgun.event.MailgunEvent;
import io.github.springmailgun.event.OpenedEvent;
import io.github.springmailgun.event.UnknownEvent;
import io.github.springmailgun.event.UnsubscribedEvent;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.webhook.WebhookPayloadParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The events of the mock read by the real client: the Events API (with its paging links) and the Logs API
 * serve what each send produces, scripted outcomes give Mailgun's sequences, and every event the mock
 * writes reads as a modelled event, from the APIs and as a webhook's {@code event-data}.
 */
@SuppressWarnings({ "deprecation", "unchecked" }) // the Events API is deprecated by Mailgun, not by the mock
class MockEventsTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final MockClock clock = MockClock.manual(START);

	private final MailgunMockServer mock = MailgunMockServer.builder().clock(this.clock).start();

	private final MailgunTemplate client = new MailgunTemplate(
			MailgunClientSettings.builder(this.mock.apiKey(), this.mock.domain()).baseUrl(this.mock.baseUrl()).build());

	@AfterEach
	void stop() {
		this.mock.close();
	}

	private SendResponse send(String... to) {
		return this.client.send(MailgunMessage.builder()
			.from("Shop <shop@mg.example.com>")
			.to(String.join(", ", to))
			.subject("Your order")
			.text("Thanks")
			.tag("orders")
			.variable("order-id", "42")
			.build()).block();
	}

	private List<MailgunEvent> eventsThroughClient() {
		return this.client.analytics().events(EventsQuery.builder().ascending(true).build()).collectList().block();
	}

	@Test
	void aSendToTwoRecipientsIsAcceptedAtOnceAndDeliveredWhenTheClockAdvances() {
		SendResponse response = send("alice@example.com", "bob@example.com");
		String messageId = response.id().replaceAll("^<|>$", "");
		assertThat(eventsThroughClient()).extracting(MailgunEvent::type, MailgunEvent::recipient)
			.containsExactly(tuple(EventType.ACCEPTED, "alice@example.com"), tuple(EventType.ACCEPTED, "bob@example.com"));

		this.clock.advance(MockEvents.DEFAULT_DELIVERY_DELAY);

		List<MailgunEvent> events = eventsThroughClient();
		assertThat(events).extracting(MailgunEvent::type, MailgunEvent::recipient)
			.containsExactly(tuple(EventType.ACCEPTED, "alice@example.com"), tuple(EventType.ACCEPTED, "bob@example.com"),
					tuple(EventType.DELIVERED, "alice@example.com"), tuple(EventType.DELIVERED, "bob@example.com"));
		assertThat(events).allSatisfy(event -> {
			assertThat(event.messageId()).isEqualTo(messageId);
			assertThat(event.tags()).containsExactly("orders");
			assertThat(event.userVariables()).containsEntry("order-id", "42");
			assertThat(event.data().message().subject()).isEqualTo("Your order");
			assertThat(event.data().storage()).isNotNull();
			assertThat(event.id()).hasSize(22);
		});
		assertThat(events.get(0).timestamp()).isEqualTo(START);
		assertThat(events.get(2).timestamp()).isEqualTo(START.plus(MockEvents.DEFAULT_DELIVERY_DELAY));
		assertThat(((DeliveredEvent) events.get(2)).deliveryStatus().code()).isEqualTo(250);
		assertThat(this.mock.events().forMessage(response.id())).hasSize(4);
	}

	@Test
	void everyEventTheMockWritesReadsAsAModelledEventFromTheApisAndAsAWebhook() {
		send("alice@example.com", "bounce@example.com", "defer@example.com", "open@example.com",
				"click@example.com", "complain@example.com", "unsubscribe+news@example.com");
		this.clock.advance(Duration.ofMinutes(1));

		List<MockEvent> written = this.mock.events().all();
		assertThat(written).extracting(MockEvent::event)
			.contains("accepted", "delivered", "failed", "opened", "clicked", "complained", "unsubscribed");
		List<MailgunEvent> read = eventsThroughClient();
		List<MailgunEvent> logged = this.client.analytics().logs(LogsQuery.builder().limit(5).sort("timestamp:asc").build()).collectList().block();
		WebhookPayloadParser parser = new WebhookPayloadParser();
		List<MailgunEvent> posted = written.stream()
			.map(event -> parser.parse("{\"signature\": {\"timestamp\": \"1767225600\", \"token\": \"t\", "
					+ "\"signature\": \"s\"}, \"event-data\": " + event.json() + "}").event())
			.toList();
		for (List<MailgunEvent> events : List.of(read, logged, posted)) {
			assertThat(events).hasSameSizeAs(written).noneMatch(UnknownEvent.class::isInstance);
			assertThat(events).extracting(MailgunEvent::event).containsExactlyElementsOf(written.stream().map(MockEvent::event).toList());
			assertThat(events).extracting(MailgunEvent::recipient)
				.containsExactlyElementsOf(written.stream().map(MockEvent::recipient).toList());
			assertThat(events).extracting(MailgunEvent::id).containsExactlyElementsOf(written.stream().map(MockEvent::id).toList());
			assertThat(events).extracting(MailgunEvent::timestamp)
				.containsExactlyElementsOf(written.stream().map(MockEvent::timestamp).toList());
		}
	}

	@Test
	void scriptedOutcomesGiveMailgunsSequences() {
		this.mock.events()
			.script(MockOutcome.bounce("b@example\\.com"))
			.script(MockOutcome.defer("d@example\\.com").after(Duration.ofMinutes(10)))
			.script(MockOutcome.open("o@example\\.com").after(Duration.ofMinutes(2)))
			.script(MockOutcome.click("c@example\\.com", "https://shop.example.com/cart"))
			.script(MockOutcome.complain("x@example\\.com"))
			.script(MockOutcome.unsubscribe("u@example\\.com"));
		send("b@example.com", "d@example.com", "o@example.com", "c@example.com", "x@example.com", "u@example.com");
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(sequence("b@example.com")).containsExactly("accepted", "failed");
		FailedEvent bounce = (FailedEvent) last("b@example.com");
		assertThat(bounce.severity()).isEqualTo(FailureSeverity.PERMANENT);
		assertThat(bounce.reason()).isEqualTo("bounce");
		assertThat(bounce.deliveryStatus().code()).isEqualTo(550);
		assertThat(sequence("d@example.com")).containsExactly("accepted", "failed");
		FailedEvent deferral = (FailedEvent) last("d@example.com");
		assertThat(deferral.severity()).isEqualTo(FailureSeverity.TEMPORARY);
		assertThat(deferral.deliveryStatus().retrySeconds()).isEqualTo(600);
		assertThat(sequence("o@example.com")).containsExactly("accepted", "delivered");
		assertThat(sequence("c@example.com")).containsExactly("accepted", "delivered", "clicked");
		assertThat(((ClickedEvent) last("c@example.com")).url()).isEqualTo("https://shop.example.com/cart");
		assertThat(sequence("x@example.com")).containsExactly("accepted", "delivered", "complained");
		assertThat(last("x@example.com")).isInstanceOf(ComplainedEvent.class);
		assertThat(sequence("u@example.com")).containsExactly("accepted", "delivered", "unsubscribed");
		assertThat(last("u@example.com")).isInstanceOf(UnsubscribedEvent.class);

		this.clock.advance(Duration.ofMinutes(10));

		assertThat(sequence("o@example.com")).containsExactly("accepted", "delivered", "opened");
		assertThat(last("o@example.com")).isInstanceOf(OpenedEvent.class)
			.extracting(MailgunEvent::timestamp)
			.isEqualTo(START.plus(MockEvents.DEFAULT_DELIVERY_DELAY).plus(Duration.ofMinutes(2)));
		assertThat(sequence("d@example.com")).containsExactly("accepted", "failed", "delivered");
		assertThat(((DeliveredEvent) last("d@example.com")).deliveryStatus().attemptNo()).isEqualTo(2);
	}

	@Test
	void aLaterScriptWinsAndDeliverOverridesTheBuiltInConvention() {
		this.mock.events().script(MockOutcome.bounce(".*@example\\.com")).script(MockOutcome.deliver("bounce@.*"));
		send("bounce@example.com", "carol@example.com");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(sequence("bounce@example.com")).containsExactly("accepted", "delivered");
		assertThat(sequence("carol@example.com")).containsExactly("accepted", "failed");

		this.mock.reset();
		send("carol@example.com");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(sequence("carol@example.com")).containsExactly("accepted", "delivered");
	}

	@Test
	void testModeMessagesAreMarkedDeliveredWithoutScriptedOutcomes() {
		this.client.send(MailgunMessage.builder()
			.from("shop@mg.example.com")
			.to("bounce@example.com")
			.subject("Test")
			.text("t")
			.testMode(true)
			.build()).block();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(sequence("bounce@example.com")).containsExactly("accepted", "delivered");
		assertThat(last("bounce@example.com").fields()).extractingByKey("flags")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("is-test-mode", true);
	}

	@Test
	void eventsArePagedThroughTokensInThePathAsMailgunLinksThem() {
		for (int i = 0; i < 4; i++) {
			send("r" + i + "@example.com");
		}
		this.clock.advance(Duration.ofSeconds(1));
		List<MailgunEvent> events = this.client.analytics()
			.events(EventsQuery.builder().ascending(true).limit(3).build())
			.collectList()
			.block();
		assertThat(events).hasSize(8);
		assertThat(events).extracting(MailgunEvent::id)
			.containsExactlyElementsOf(this.mock.events().all().stream().map(MockEvent::id).toList());
		List<MailgunEvent> newestFirst = this.client.analytics()
			.events(EventsQuery.builder().limit(5).build())
			.collectList()
			.block();
		assertThat(newestFirst).extracting(MailgunEvent::id)
			.containsExactlyElementsOf(reversed(events.stream().map(MailgunEvent::id).toList()));

		HttpResponse<String> first = new RawHttp(this.mock).get("/v3/mg.example.com/events?ascending=yes&limit=3");
		Map<String, Object> body = MockJson.readObject(first.body());
		@SuppressWarnings("unchecked")
		Map<String, String> paging = (Map<String, String>) body.get("paging");
		assertThat(paging).containsOnlyKeys("first", "last", "next", "previous");
		assertThat(URI.create(paging.get("next")).getPath()).matches("/v3/mg\\.example\\.com/events/[A-Za-z0-9_-]+");
	}

	@Test
	void eventsApiFilters() {
		SendResponse first = send("alice@example.com", "bounce@example.com");
		this.clock.advance(Duration.ofMinutes(1));
		send("alice@example.com");
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(query(EventsQuery.builder().event("failed"))).extracting(MailgunEvent::recipient)
			.containsExactly("bounce@example.com");
		assertThat(query(EventsQuery.builder().event("failed OR delivered").recipient("alice@example.com")))
			.extracting(MailgunEvent::type)
			.containsExactly(EventType.DELIVERED, EventType.DELIVERED);
		assertThat(query(EventsQuery.builder().messageId(first.id().replaceAll("^<|>$", "")))).hasSize(4);
		assertThat(query(EventsQuery.builder().severity("permanent"))).singleElement().isInstanceOf(FailedEvent.class);
		assertThat(query(EventsQuery.builder().begin(START.plusSeconds(30)).end(START.plus(Duration.ofMinutes(2)))))
			.extracting(MailgunEvent::type)
			.containsExactly(EventType.ACCEPTED, EventType.DELIVERED);
		assertThat(query(EventsQuery.builder().tags("orders").subject("order"))).hasSize(6);
		assertThat(query(EventsQuery.builder().tags("other"))).isEmpty();
		assertThat(new RawHttp(this.mock).get("/v3/mg.example.com/events?list=team@example.com").statusCode())
			.isEqualTo(400);
	}

	@Test
	void logsApiServesTheEventsInItsShapeWithTokens() {
		send("alice@example.com", "bob@example.com", "bounce@example.com");
		this.clock.advance(Duration.ofSeconds(1));

		LogsPage page = this.client.analytics()
			.logsPage(LogsQuery.builder().events("delivered", "failed").limit(2).sort("timestamp:asc").includeTotals(true).build())
			.block();
		assertThat(page.items()).extracting(MailgunEvent::recipient).containsExactly("alice@example.com", "bob@example.com");
		assertThat(page.items()).allSatisfy(event -> assertThat(event.timestamp())
			.isEqualTo(START.plus(MockEvents.DEFAULT_DELIVERY_DELAY)));
		assertThat(page.pagination().total()).isEqualTo(3);
		assertThat(page.pagination().next()).isNotBlank();
		assertThat(page.end()).isEqualTo(START.plusSeconds(1));
		assertThat(page.start()).isEqualTo(START.plusSeconds(1).minus(Duration.ofDays(1)));
		assertThat(page.items().get(0).fields()).containsEntry("domain", Map.of("name", "mg.example.com"));

		List<MailgunEvent> all = this.client.analytics()
			.logs(LogsQuery.builder().events("delivered", "failed").limit(2).sort("timestamp:asc").build())
			.collectList()
			.block();
		assertThat(all).extracting(MailgunEvent::type, MailgunEvent::recipient)
			.containsExactly(tuple(EventType.DELIVERED, "alice@example.com"), tuple(EventType.DELIVERED, "bob@example.com"),
					tuple(EventType.FAILED, "bounce@example.com"));
		List<MailgunEvent> bob = this.client.analytics()
			.logs(LogsQuery.builder()
				.filter(io.github.springmailgun.analytics.AnalyticsFilter.of(
						io.github.springmailgun.analytics.FilterPredicate.equal("domain", "mg.example.com"),
						io.github.springmailgun.analytics.FilterPredicate.equal("recipient", "bob@example.com")))
				.build())
			.collectList()
			.block();
		assertThat(bob).extracting(MailgunEvent::type).containsExactly(EventType.DELIVERED, EventType.ACCEPTED);
	}

	@Test
	void outcomesAreScriptedAndEventsReadOverHttp() {
		RawHttp http = new RawHttp(this.mock);
		HttpResponse<String> scripted = http.post("/mock/outcomes", "application/json",
				"{\"recipient\": \"dave@.*\", \"outcome\": \"click\", \"url\": \"https://x.example/\", \"delay\": \"PT1M\"}"
					.getBytes(StandardCharsets.UTF_8), null);
		assertThat(scripted.statusCode()).isEqualTo(200);
		assertThat(http.post("/mock/outcomes", "application/json",
				"{\"recipient\": \"x\", \"outcome\": \"explode\"}".getBytes(StandardCharsets.UTF_8), null).statusCode())
			.isEqualTo(400);
		send("dave@example.com");
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(sequence("dave@example.com")).containsExactly("accepted", "delivered", "clicked");

		HttpResponse<String> events = http.get("/mock/events", null);
		assertThat(events.statusCode()).isEqualTo(200);
		Map<String, Object> body = MockJson.readObject(events.body());
		assertThat((List<?>) body.get("items")).hasSize(3);
	}

	@Test
	void logsEntriesCarryUserVariablesAsJsonTextAsMailgunsSchemaTypesThem() {
		send("alice@example.com");
		HttpResponse<String> answer = new RawHttp(this.mock).post("/v1/analytics/logs", "application/json",
				"{\"events\": [\"accepted\"]}".getBytes(StandardCharsets.UTF_8));
		assertThat(answer.statusCode()).isEqualTo(200);
		Map<String, Object> entry = (Map<String, Object>) ((List<?>) MockJson.readObject(answer.body()).get("items")).get(0);
		assertThat(entry).containsEntry("user-variables", "{\"order-id\":\"42\"}")
			.containsEntry("@timestamp", "2026-01-01T00:00:00.000Z")
			.doesNotContainKey("timestamp");
		// ... and the client reads that text as the variables it is.
		assertThat(this.client.analytics().logs(LogsQuery.builder().events("accepted").build()).blockFirst().userVariables())
			.containsEntry("order-id", "42");
	}

	@Test
	void onTheSystemClockMessagesAreDeliveredWithinTheDeliveryDelay() throws InterruptedException {
		try (MailgunMockServer real = MailgunMockServer.start()) {
			new MailgunTemplate(MailgunClientSettings.builder(real.apiKey(), real.domain()).baseUrl(real.baseUrl()).build())
				.send(MailgunMessage.builder().from("shop@mg.example.com").to("alice@example.com").subject("Hi").text("t").build())
				.block();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (real.events().all().size() < 2 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(real.events().all()).extracting(MockEvent::event).containsExactly("accepted", "delivered");
			assertThat(Duration.between(real.events().all().get(0).timestamp(), real.events().all().get(1).timestamp()))
				.isGreaterThanOrEqualTo(MockEvents.DEFAULT_DELIVERY_DELAY);
		}
	}

	@Test
	void resetDropsEventsNotYetDue() {
		send("alice@example.com");
		this.mock.reset();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.mock.events().all()).isEmpty();
		assertThat(eventsThroughClient()).isEmpty();
	}

	@Test
	void firstEventsThroughClientAreAcceptedEvents() {
		send("alice@example.com");
		assertThat(eventsThroughClient()).singleElement().isInstanceOf(AcceptedEvent.class);
	}

	private List<MailgunEvent> query(EventsQuery.Builder query) {
		return this.client.analytics().events(query.ascending(true).build()).collectList().block();
	}

	private static List<String> reversed(List<String> ids) {
		List<String> copy = new java.util.ArrayList<>(ids);
		java.util.Collections.reverse(copy);
		return copy;
	}

	private List<String> sequence(String recipient) {
		return query(EventsQuery.builder().recipient(recipient)).stream().map(MailgunEvent::event).toList();
	}

	private MailgunEvent last(String recipient) {
		List<MailgunEvent> events = query(EventsQuery.builder().recipient(recipient));
		return events.get(events.size() - 1);
	}

}
