package io.github.springmailgun.event;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.github.springmailgun.internal.Json;
import io.github.springmailgun.webhook.WebhookPayloadParser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * One reader for the event JSON that webhooks, the Events API and the Logs API share.
 */
class MailgunEventTests {

	@Test
	void readsAWebhooksEventDataAndAnApiItemAlike() throws IOException {
		String body = fixture("failed-temporary.json");
		JsonNode eventData = Json.mapper().readTree(body).path("event-data");

		MailgunEvent fromApi = MailgunEvent.fromJson(eventData);
		MailgunEvent fromWebhook = new WebhookPayloadParser().parse(body).event();

		assertThat(fromApi).isInstanceOf(FailedEvent.class);
		// The API's mapper reads floats as doubles, the webhook parser as BigDecimal: fields() may differ there.
		assertThat(fromApi.data()).usingRecursiveComparison().ignoringFields("fields").isEqualTo(fromWebhook.data());
		DeliveryStatus status = ((FailedEvent) fromApi).deliveryStatus();
		assertThat(status).usingRecursiveComparison()
			.ignoringFields("fields")
			.isEqualTo(((FailedEvent) fromWebhook).deliveryStatus());
		assertThat(status.code()).isEqualTo(680);
		assertThat(status.retrySeconds()).isEqualTo(145);
	}

	@Test
	void readsTheLogsApisTimestamp() {
		JsonNode item = Json.mapper()
			.readTree("{\"event\":\"delivered\",\"@timestamp\":\"2024-07-08T16:30:18.530Z\",\"domain\":{\"name\":\"example.com\"}}");

		MailgunEvent event = MailgunEvent.fromJson(item);

		assertThat(event).isInstanceOf(DeliveredEvent.class);
		assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-07-08T16:30:18.530Z"));
		assertThat(event.fields()).containsKey("domain");
	}

	@Test
	void readsValuesOfTheWrongShapeAsAbsent() {
		JsonNode item = Json.mapper()
			.readTree("{\"event\":\"delivered\",\"timestamp\":1e9999999,\"recipient\":[\"a@example.com\"],"
					+ "\"message\":\"headers\",\"storage\":[1],\"tags\":\"one\",\"delivery-status\":\"250\"}");

		DeliveredEvent event = (DeliveredEvent) MailgunEvent.fromJson(item);

		assertThat(event.timestamp()).isNull();
		assertThat(event.recipient()).isNull();
		assertThat(event.data().message()).isEqualTo(MessageHeaders.NONE);
		assertThat(event.data().storage()).isNull();
		assertThat(event.tags()).isEmpty();
		assertThat(event.deliveryStatus()).isNull();
		assertThat(event.fields()).containsEntry("tags", "one");
	}

	@Test
	void keepsUnknownEventsWithTheirJson() {
		MailgunEvent event = MailgunEvent.fromJson(Json.mapper().readTree("{\"event\":\"list_uploaded\",\"n\":[1,null]}"));

		assertThat(event).isInstanceOf(UnknownEvent.class);
		assertThat(event.event()).isEqualTo("list_uploaded");
		assertThat(event.fields()).containsKey("n");
	}

	@Test
	void refusesAnItemWithoutEventName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MailgunEvent.fromJson(Json.mapper().readTree("{\"event\":42}")));
	}

	private static String fixture(String name) throws IOException {
		try (InputStream in = MailgunEventTests.class.getResourceAsStream("/webhooks/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
