package io.github.springmailgun.webhook;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.event.AcceptedEvent;
import io.github.springmailgun.event.ClickedEvent;
import io.github.springmailgun.event.ComplainedEvent;
import io.github.springmailgun.event.DeliveredEvent;
import io.github.springmailgun.event.DeliveryStatus;
import io.github.springmailgun.event.EventData;
import io.github.springmailgun.event.EventType;
import io.github.springmailgun.event.FailedEvent;
import io.github.springmailgun.event.FailureSeverity;
import io.github.springmailgun.event.MailgunEvent;
import io.github.springmailgun.event.MessageHeaders;
import io.github.springmailgun.event.OpenedEvent;
import io.github.springmailgun.event.RejectedEvent;
import io.github.springmailgun.event.StorageLocation;
import io.github.springmailgun.event.StoredEvent;
import io.github.springmailgun.event.UnknownEvent;
import io.github.springmailgun.event.UnsubscribedEvent;
import io.github.springmailgun.webhook.WebhookVerificationException.Reason;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.springmailgun.webhook.Fixtures.DOCUMENTED_SIGNATURE;
import static io.github.springmailgun.webhook.Fixtures.read;
import static io.github.springmailgun.webhook.WebhookSignatures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WebhookPayloadParserTests {

	private final WebhookPayloadParser parser = new WebhookPayloadParser();

	@ParameterizedTest
	@CsvSource({ "accepted.json, ACCEPTED, AcceptedEvent, jxVuhYlhReaK3QsggHfFRA",
			"rejected.json, REJECTED, RejectedEvent, OMTXD3-sSmKIQa1gSKkYVA",
			"delivered.json, DELIVERED, DeliveredEvent, hK7mQVt1QtqRiOfQXta4sw",
			"failed.json, FAILED, FailedEvent, pl271FzxTTmGRW8Uj3dUWw",
			"failed-temporary.json, FAILED, FailedEvent, JDhSWf9mT5OFxCkZfpDU5d",
			"opened.json, OPENED, OpenedEvent, -laxIqj9QWubsjY_3pTq_g",
			"clicked.json, CLICKED, ClickedEvent, G5zMz2ysS6OxZ2C8xb2Tqg",
			"unsubscribed.json, UNSUBSCRIBED, UnsubscribedEvent, W3X4JOhFT-OZidZGKKr9iA",
			"complained.json, COMPLAINED, ComplainedEvent, ncV2XwymRUKbPek_MIM-Gw",
			"stored.json, STORED, StoredEvent, WRVmVc47QYi4DHth_xpRUA",
			"unknown-event.json, UNKNOWN, UnknownEvent, Ase7i2zsRYeDXztHGENqRA" })
	void parsesEveryEventType(String fixture, EventType type, String className, String id) {
		WebhookPayload payload = this.parser.parse(read(fixture));
		MailgunEvent event = payload.event();
		assertThat(event.getClass().getSimpleName()).isEqualTo(className);
		assertThat(event.type()).isEqualTo(type);
		assertThat(event.id()).isEqualTo(id);
		assertThat(event.timestamp()).isNotNull();
		assertThat(event.fields()).containsEntry("id", id);
		if (type != EventType.UNKNOWN) {
			assertThat(event.event()).isEqualTo(type.wireName());
		}
	}

	@Test
	void readsTheSignatureBlock() {
		WebhookSignature signature = this.parser.parse(read("delivered.json")).signature();
		assertThat(signature.timestamp()).isEqualTo("1529006854");
		assertThat(signature.token()).isEqualTo(TOKEN);
		assertThat(signature.signature()).isEqualTo(DOCUMENTED_SIGNATURE);
		assertThat(signature.parentSignature()).isNull();
	}

	@Test
	void keepsTheBodyAsReceived() {
		String json = read("opened.json");
		WebhookPayload fromText = this.parser.parse(json);
		WebhookPayload fromBytes = this.parser.parse(json.getBytes(StandardCharsets.UTF_8));
		assertThat(fromText.json()).isEqualTo(json);
		assertThat(fromBytes.json()).isEqualTo(json);
		assertThat(fromBytes.event()).isEqualTo(fromText.event());
		assertThat(fromText.fields()).containsOnlyKeys("signature", "event-data");
	}

	@Test
	void parsesAcceptedEvents() {
		AcceptedEvent event = (AcceptedEvent) this.parser.parse(read("accepted.json")).event();
		assertThat(event.recipient()).isEqualTo("team@example.org");
		assertThat(event.messageId()).isEqualTo("20180622182958.1.48906CB188F1A454@exmple.org");
		assertThat(event.data().message())
			.isEqualTo(new MessageHeaders("20180622182958.1.48906CB188F1A454@exmple.org", "sender@example.org",
					"team@example.org", "Test Subject"));
		assertThat(event.data().storage()).isEqualTo(new StorageLocation("eyJwI...",
				"https://se.api.mailgun.net/v3/domains/example.org/messages/eyJwI..."));
		assertThat(event.tags()).isEmpty();
		assertThat(event.userVariables()).isEmpty();
		assertThat(event.timestamp()).isEqualTo(Instant.ofEpochSecond(1529692198L, 641_821_000));
		assertThat(event.fields()).containsEntry("method", "smtp");
	}

	@Test
	void parsesRejectedEvents() {
		RejectedEvent event = (RejectedEvent) this.parser.parse(read("rejected.json")).event();
		assertThat(event.reason()).startsWith("Sandbox subdomains are for test purposes only.");
		assertThat(event.description()).isEmpty();
		assertThat(event.recipient()).isNull();
		assertThat(event.data().message().to()).isEqualTo("joan@example.org");
	}

	@Test
	void parsesDeliveredEvents() {
		DeliveredEvent event = (DeliveredEvent) this.parser.parse(read("delivered.json")).event();
		assertThat(event.timestamp()).isEqualTo(Instant.ofEpochSecond(1529692199L, 626_182_000));
		assertThat(event.recipient()).isEqualTo("john@example.com");
		DeliveryStatus status = event.deliveryStatus();
		assertThat(status).isNotNull();
		assertThat(status.code()).isEqualTo(250);
		assertThat(status.attemptNo()).isEqualTo(1);
		assertThat(status.message()).isEqualTo("OK");
		assertThat(status.description()).isEmpty();
		assertThat(status.mxHost()).isEqualTo("aspmx.l.example.com");
		assertThat(status.enhancedCode()).isNull();
		assertThat(status.fields()).containsEntry("tls", true).containsEntry("certificate-verified", true);
		assertThat(event.data().storage()).isNotNull()
			.extracting(StorageLocation::key)
			.isEqualTo("AwABB...");
	}

	@Test
	void parsesPermanentFailures() {
		FailedEvent event = (FailedEvent) this.parser.parse(read("failed.json")).event();
		assertThat(event.severity()).isEqualTo(FailureSeverity.PERMANENT);
		assertThat(event.isPermanent()).isTrue();
		assertThat(event.reason()).isEqualTo("suppress-bounce");
		assertThat(event.recipient()).isEqualTo("slava@mailgun.com");
		assertThat(event.deliveryStatus()).isNotNull();
		assertThat(event.deliveryStatus().code()).isEqualTo(605);
		assertThat(event.deliveryStatus().description()).isEqualTo("Not delivering to previously bounced address");
	}

	@Test
	void parsesTemporaryFailures() {
		FailedEvent event = (FailedEvent) this.parser.parse(read("failed-temporary.json")).event();
		assertThat(event.severity()).isEqualTo(FailureSeverity.TEMPORARY);
		assertThat(event.isPermanent()).isFalse();
		assertThat(event.reason()).isEqualTo("generic");
		assertThat(event.deliveryStatus()).isNotNull();
		assertThat(event.deliveryStatus().code()).isEqualTo(680);
		assertThat(event.deliveryStatus().enhancedCode()).isEqualTo("4.4.1");
		assertThat(event.deliveryStatus().attemptNo()).isEqualTo(5);
		assertThat(event.deliveryStatus().fields()).containsEntry("retry-seconds", 145);
		assertThat(event.tags()).containsExactly("orders", "transactional");
		assertThat(event.userVariables()).containsEntry("order-id", "42")
			.containsEntry("customer", Map.of("tier", "gold"));
		assertThat(event.timestamp()).isEqualTo(Instant.ofEpochSecond(1720456218L, 530_000_000));
		assertThat(event.messageId()).isEqualTo("20240708163018.1.ABCDEF@example.com");
	}

	@Test
	void parsesOpenedEventsAndKeepsTheClientInFields() {
		OpenedEvent event = (OpenedEvent) this.parser.parse(read("opened.json")).event();
		assertThat(event.recipient()).isEqualTo("recipient@example.com");
		assertThat(event.messageId()).isEqualTo("20130821005614.19826.35976@samples.mailgun.org");
		assertThat(event.data().message().subject()).isNull();
		assertThat(event.fields()).containsEntry("ip", "111.111.111.111")
			.containsEntry("geolocation", Map.of("country", "US", "region", "Texas", "city", "Austin"));
		assertThat(event.fields().get("client-info")).asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
			.containsEntry("client-os", "iOS")
			.containsEntry("device-type", "mobile");
	}

	@Test
	void parsesClickedEvents() {
		ClickedEvent event = (ClickedEvent) this.parser.parse(read("clicked.json")).event();
		assertThat(event.url()).isEqualTo("http://example.com/signup");
		assertThat(event.recipient()).isEqualTo("recipient@example.com");
		assertThat(event.fields()).containsKeys("client-info", "geolocation");
	}

	@Test
	void parsesUnsubscribedComplainedAndStoredEvents() {
		UnsubscribedEvent unsubscribed = (UnsubscribedEvent) this.parser.parse(read("unsubscribed.json")).event();
		assertThat(unsubscribed.recipient()).isEqualTo("recipient@example.com");
		assertThat(unsubscribed.messageId()).isEqualTo("20130822232216.13966.79700@samples.mailgun.org");
		ComplainedEvent complained = (ComplainedEvent) this.parser.parse(read("complained.json")).event();
		assertThat(complained.recipient()).isEqualTo("foo@example.com");
		assertThat(complained.data().message().from()).isEqualTo("John Doe <sender@example.com>");
		StoredEvent stored = (StoredEvent) this.parser.parse(read("stored.json")).event();
		assertThat(stored.data().storage()).isNotNull();
		assertThat(stored.data().storage().url()).startsWith("https://se.api.mailgun.net/v3/domains/example.org/");
	}

	@Test
	void keepsUnknownEventTypesWithAllTheirFields() {
		WebhookPayload payload = this.parser.parse(read("unknown-event.json"));
		assertThat(payload.event()).isInstanceOf(UnknownEvent.class);
		MailgunEvent event = payload.event();
		assertThat(event.type()).isEqualTo(EventType.UNKNOWN);
		assertThat(event.event()).isEqualTo("list_uploaded");
		assertThat(event.timestamp()).isEqualTo(Instant.ofEpochSecond(1529006854L, 500_000_000));
		assertThat(event.fields()).containsEntry("mailing-list",
				Map.of("address", "developers@example.com", "members-count", 3));
		assertThat(event.fields()).containsEntry("future-flag", true);
		assertThat(event.fields().get("future-field")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.containsExactly(1, "two", Map.of(), null);
		assertThat(payload.fields()).containsEntry("future-top-level", "kept");
	}

	@Test
	void keepsUnknownFieldsOfKnownEvents() {
		WebhookPayload payload = this.parser.parse(read("delivered-with-new-fields.json"));
		DeliveredEvent event = (DeliveredEvent) payload.event();
		assertThat(event.fields()).containsEntry("ai-classification",
				Map.of("category", "transactional", "score", new BigDecimal("0.97")));
		assertThat(event.fields()).doesNotContainKey("tags-extra");
		assertThat(event.deliveryStatus()).isNotNull();
		assertThat(event.deliveryStatus().fields()).containsEntry("future-status-field", "kept");
		assertThat(event.deliveryStatus().mxHost()).isEqualTo("smtp-in.example.com");
		assertThat(event.tags()).containsExactly("my_tag_1", "my_tag_2");
		assertThat(event.userVariables()).containsEntry("my-var-2", "awesome");
		assertThat(payload.signature().token()).isEqualTo(TOKEN);
	}

	@Test
	void eventsAreImmutable() {
		MailgunEvent event = this.parser.parse(read("failed-temporary.json")).event();
		assertUnsupported(() -> event.fields().put("x", "y"));
		assertUnsupported(() -> event.tags().add("x"));
		assertUnsupported(() -> event.userVariables().clear());
		assertUnsupported(() -> ((Map<?, ?>) event.userVariables().get("customer")).clear());
		assertUnsupported(() -> ((Map<?, ?>) event.fields().get("delivery-status")).clear());
		Map<String, Object> source = new LinkedHashMap<>();
		source.put("event", "opened");
		MailgunEvent built = this.parser.parseEvent(source);
		source.put("id", "changed-later");
		assertThat(built.id()).isNull();
		assertThat(built.fields()).doesNotContainKey("id");
	}

	@Test
	void readsEventTimestampsOfEveryShape() {
		assertThat(timestampOf(1529006854)).isEqualTo(Instant.ofEpochSecond(1529006854L));
		assertThat(timestampOf("1529006854.25")).isEqualTo(Instant.ofEpochSecond(1529006854L, 250_000_000));
		assertThat(timestampOf(new BigDecimal("1529006854.000001"))).isEqualTo(Instant.ofEpochSecond(1529006854L, 1000));
		assertThat(timestampOf(1529006854.5d)).isEqualTo(Instant.ofEpochSecond(1529006854L, 500_000_000));
		assertThat(timestampOf("yesterday")).isNull();
		assertThat(timestampOf(new BigDecimal("1e30"))).isNull();
		assertThat(timestampOf(List.of(1))).isNull();
	}

	@Test
	void readsAnIntegerSignatureTimestamp() {
		String json = "{\"signature\":{\"timestamp\":1529006854,\"token\":\"t\",\"signature\":\"s\"},"
				+ "\"event-data\":{\"event\":\"opened\"}}";
		assertThat(this.parser.parse(json).signature().timestamp()).isEqualTo("1529006854");
	}

	@Test
	void readsAParentSignatureInsideTheSignatureObject() {
		String json = "{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"s\","
				+ "\"parent-signature\":\"p\"},\"event-data\":{\"event\":\"opened\"}}";
		assertThat(this.parser.parse(json).signature().parentSignature()).isEqualTo("p");
	}

	@Test
	void readsAParentSignatureNextToTheSignatureObject() {
		String text = "{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"s\"},"
				+ "\"parent-signature\":\"p\",\"event-data\":{\"event\":\"opened\"}}";
		assertThat(this.parser.parse(text).signature().parentSignature()).isEqualTo("p");
		String object = "{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"s\"},"
				+ "\"parent-signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"p\"},"
				+ "\"event-data\":{\"event\":\"opened\"}}";
		assertThat(this.parser.parse(object).signature().parentSignature()).isEqualTo("p");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"timestamp\":\"1\",\"token\":\"other\",\"signature\":\"p\"}",
			"{\"timestamp\":\"2\",\"token\":\"t\",\"signature\":\"p\"}", "{\"timestamp\":\"1\",\"token\":\"t\"}",
			"42", "[\"p\"]" })
	void rejectsParentSignaturesOfAnotherShape(String parent) {
		String json = "{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"s\"},\"parent-signature\":"
				+ parent + ",\"event-data\":{\"event\":\"opened\"}}";
		assertMalformed(() -> this.parser.parse(json));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not json", "null", "[]", "42", "\"text\"", "{", "{}{}", "{} trailing",
			"{\"event-data\":{\"event\":\"opened\"}}",
			"{\"signature\":\"abc\",\"event-data\":{\"event\":\"opened\"}}",
			"{\"signature\":{\"token\":\"t\",\"signature\":\"s\"},\"event-data\":{\"event\":\"opened\"}}",
			"{\"signature\":{\"timestamp\":1.5,\"token\":\"t\",\"signature\":\"s\"},\"event-data\":{\"event\":\"opened\"}}",
			"{\"signature\":{\"timestamp\":true,\"token\":\"t\",\"signature\":\"s\"},\"event-data\":{\"event\":\"opened\"}}",
			"{\"signature\":{\"timestamp\":\"1\",\"signature\":\"s\"},\"event-data\":{\"event\":\"opened\"}}",
			"{\"signature\":{\"timestamp\":\"1\",\"token\":7,\"signature\":\"s\"},\"event-data\":{\"event\":\"opened\"}}",
			"{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\"},\"event-data\":{\"event\":\"opened\"}}",
			"{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":null},\"event-data\":{\"event\":\"opened\"}}",
			"{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"s\"}}",
			"{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"s\"},\"event-data\":[]}",
			"{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"s\"},\"event-data\":{}}",
			"{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"s\"},\"event-data\":{\"event\":5}}",
			"{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"s\"},\"event-data\":{\"event\":\" \"}}",
			"{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"s\"},"
					+ "\"signature\":{\"timestamp\":\"2\",\"token\":\"u\",\"signature\":\"s\"},"
					+ "\"event-data\":{\"event\":\"opened\"}}" })
	void rejectsMalformedBodiesWithATypedException(String json) {
		assertMalformed(() -> this.parser.parse(json));
		assertMalformed(() -> this.parser.parse(json.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void rejectsAbsurdlyNestedBodies() {
		String deep = "{\"signature\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
		assertMalformed(() -> this.parser.parse(deep));
		String deepObjects = "{\"event-data\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_001);
		assertMalformed(() -> this.parser.parse(deepObjects));
	}

	@Test
	void malformedMessagesDoNotEchoTheWholeBody() {
		String body = "{\"signature\": " + "x".repeat(5_000) + "}";
		assertThatExceptionOfType(WebhookVerificationException.class).isThrownBy(() -> this.parser.parse(body))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(400).startsWith("Mailgun webhook body"));
	}

	@Test
	void parseEventRejectsAnEventWithoutName() {
		assertMalformed(() -> this.parser.parseEvent(Map.of("id", "x")));
	}

	@Test
	void eventRecordsRefuseDataOfAnotherType() {
		EventData opened = EventData.fromJson(Map.of("event", "opened"));
		assertThatIllegalArgumentException().isThrownBy(() -> new DeliveredEvent(opened, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new UnknownEvent(opened));
		assertThat(new OpenedEvent(opened).type()).isEqualTo(EventType.OPENED);
		EventData upper = EventData.fromJson(Map.of("event", "DELIVERED"));
		assertThat(upper.type()).isEqualTo(EventType.DELIVERED);
		assertThat(this.parser.parseEvent(Map.of("event", "Failed"))).isInstanceOfSatisfying(FailedEvent.class,
				(failed) -> assertThat(failed.severity()).isEqualTo(FailureSeverity.UNKNOWN));
	}

	@Test
	void mapsNamesToTypes() {
		for (EventType type : EventType.values()) {
			if (type != EventType.UNKNOWN) {
				assertThat(EventType.of(type.wireName())).isEqualTo(type);
			}
		}
		assertThat(EventType.of("list_member_uploaded")).isEqualTo(EventType.UNKNOWN);
		assertThat(EventType.of("")).isEqualTo(EventType.UNKNOWN);
		assertThat(FailureSeverity.of("Permanent")).isEqualTo(FailureSeverity.PERMANENT);
		assertThat(FailureSeverity.of("temporary")).isEqualTo(FailureSeverity.TEMPORARY);
		assertThat(FailureSeverity.of(null)).isEqualTo(FailureSeverity.UNKNOWN);
		assertThat(FailureSeverity.of("soft")).isEqualTo(FailureSeverity.UNKNOWN);
	}

	@Test
	void summariesLeaveOutTheSignatureAndTheBody() {
		WebhookPayload payload = this.parser.parse(read("failed-temporary.json"));
		assertThat(payload.toString()).contains("failed")
			.contains("JDhSWf9mT5OFxCkZfpDU5d")
			.doesNotContain(payload.signature().signature())
			.doesNotContain("Turret client");
	}

	private @Nullable Instant timestampOf(Object value) {
		Map<String, Object> eventData = new LinkedHashMap<>();
		eventData.put("event", "opened");
		eventData.put("timestamp", value);
		return this.parser.parseEvent(eventData).timestamp();
	}

	private static void assertMalformed(ThrowingCallable call) {
		assertThatExceptionOfType(WebhookVerificationException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED));
	}

	private static void assertUnsupported(ThrowingCallable call) {
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(call);
	}

}
