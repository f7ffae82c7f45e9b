package io.github.springmailgun.event;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.springmailgun.internal.Json;
import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads events from JSON trees, tolerating values of the wrong type: a webhook Mailgun cannot deliver is
 * retried for 8 hours and then lost, so only a missing event name is an error.
 */
final class EventJson {

	/** Longest text read as a timestamp; Mailgun's have 17 to 24 characters, Jackson's numbers at most 1,000. */
	private static final int MAX_TIMESTAMP_TEXT = 1000;

	private EventJson() {
	}

	static MailgunEvent event(JsonNode eventData) {
		EventData data = data(eventData);
		return switch (data.type()) {
			case ACCEPTED -> new AcceptedEvent(data);
			case REJECTED -> new RejectedEvent(data, text(eventData.path("reject"), "reason"),
					text(eventData.path("reject"), "description"));
			case DELIVERED -> new DeliveredEvent(data, deliveryStatus(eventData));
			case FAILED -> new FailedEvent(data, FailureSeverity.of(text(eventData, "severity")),
					text(eventData, "reason"), deliveryStatus(eventData));
			case OPENED -> new OpenedEvent(data);
			case CLICKED -> new ClickedEvent(data, text(eventData, "url"));
			case UNSUBSCRIBED -> new UnsubscribedEvent(data);
			case COMPLAINED -> new ComplainedEvent(data);
			case STORED -> new StoredEvent(data);
			case UNKNOWN -> new UnknownEvent(data);
		};
	}

	static EventData data(JsonNode eventData) {
		JsonNode name = eventData.path("event");
		if (!name.isString() || name.asString().isBlank()) {
			throw new IllegalArgumentException("event-data has no 'event' name");
		}
		JsonNode headers = eventData.path("message").path("headers");
		JsonNode storage = eventData.path("storage");
		String key = text(storage, "key");
		String url = text(storage, "url");
		return new EventData(name.asString(), text(eventData, "id"), timestamp(eventData),
				text(eventData, "recipient"), new MessageHeaders(text(headers, "message-id"), text(headers, "from"),
						text(headers, "to"), text(headers, "subject")),
				strings(eventData.path("tags")), userVariables(eventData.path("user-variables")),
				(key != null || url != null) ? new StorageLocation(key, url) : null, Json.immutableObject(eventData));
	}

	/**
	 * The Logs API writes {@code user-variables} as JSON text (its schema types them as a string), the
	 * Events API and webhooks as an object; text that is no JSON object gives no variables.
	 */
	private static Map<String, Object> userVariables(JsonNode variables) {
		if (!variables.isString()) {
			return Json.immutableObject(variables);
		}
		try {
			return Json.immutableObject(Json.readMap(variables.asString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (JacksonException ex) {
			return Map.of();
		}
	}

	private static @Nullable DeliveryStatus deliveryStatus(JsonNode eventData) {
		JsonNode status = eventData.path("delivery-status");
		if (!status.isObject()) {
			return null;
		}
		String mxHost = text(status, "mx-host");
		return new DeliveryStatus(integer(status, "code"), text(status, "enhanced-code"), text(status, "message"),
				text(status, "description"), integer(status, "attempt-no"),
				(mxHost != null) ? mxHost : text(status, "mxhost"), integer(status, "retry-seconds"),
				Json.immutableObject(status));
	}

	/**
	 * Reads Mailgun's epoch seconds with a fraction ({@code 1529692198.641821}) as a number or text, or the
	 * Logs API's {@code @timestamp} text.
	 */
	private static @Nullable Instant timestamp(JsonNode eventData) {
		JsonNode value = eventData.has("timestamp") ? eventData.path("timestamp") : eventData.path("@timestamp");
		try {
			if (value.isNumber()) {
				BigDecimal seconds = decimal(value);
				return (seconds != null) ? MailgunDates.epochSeconds(seconds) : null;
			}
			String text = value.isString() ? value.asString() : null;
			return (text != null && !text.isBlank() && text.length() <= MAX_TIMESTAMP_TEXT) ? MailgunDates.parse(text)
					: null;
		}
		catch (IllegalArgumentException | ArithmeticException ex) {
			return null;
		}
	}

	private static @Nullable String text(JsonNode object, String name) {
		return Json.scalar(object.path(name));
	}

	private static @Nullable Integer integer(JsonNode object, String name) {
		JsonNode value = object.path(name);
		try {
			if (value.isNumber()) {
				// Exactly an int or nothing: 2147483648 is not -2147483648 and 250.5 is not 250.
				BigDecimal number = decimal(value);
				return (number != null) ? number.intValueExact() : null;
			}
			return value.isString() ? Integer.valueOf(value.asString().trim()) : null;
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return null;
		}
	}

	/**
	 * Returns a number exactly, without the node's checked conversions (which throw on 1e9999999); an API
	 * response read without BigDecimal floats holds that as an infinite double, which has no exact value.
	 */
	private static @Nullable BigDecimal decimal(JsonNode number) {
		Number value = number.numberValue();
		if (value instanceof BigDecimal exact) {
			return exact;
		}
		boolean infinite = (value instanceof Double || value instanceof Float) && !Double.isFinite(value.doubleValue());
		return infinite ? null : new BigDecimal(value.toString());
	}

	private static List<String> strings(JsonNode array) {
		return array.isArray() ? array.valueStream().map(Json::scalar).filter(Objects::nonNull).toList() : List.of();
	}

}
