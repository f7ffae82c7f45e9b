package io.github.springmailgun.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.springmailgun.internal.Json;
import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
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
			throw new IllegalArgumentException("event-data has no event name");
		}
		JsonNode headers = eventData.path("message").path("headers");
		JsonNode storage = eventData.path("storage");
		String key = text(storage, "key");
		String url = text(storage, "url");
		return new EventData(name.asString(), text(eventData, "id"), timestamp(eventData),
				text(eventData, "recipient"), new MessageHeaders(text(headers, "message-id"), text(headers, "from"),
						text(headers, "to"), text(headers, "subject")),
				strings(eventData.path("tags")), Json.immutableObject(eventData.path("user-variables")),
				(key != null || url != null) ? new StorageLocation(key, url) : null, Json.immutableObject(eventData));
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
				return MailgunDates.epochSeconds(value.decimalValue());
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
		return scalar(object.path(name));
	}

	private static @Nullable String scalar(JsonNode value) {
		if (value.isString()) {
			return value.asString();
		}
		// BigDecimal.toString, not the plain form: 1e9999999 would become ten million digits.
		if (value.isNumber()) {
			return String.valueOf(value.numberValue());
		}
		return value.isBoolean() ? String.valueOf(value.booleanValue()) : null;
	}

	private static @Nullable Integer integer(JsonNode object, String name) {
		JsonNode value = object.path(name);
		try {
			if (value.isNumber()) {
				// Exactly an int or nothing: 2147483648 is not -2147483648 and 250.5 is not 250.
				return value.decimalValue().intValueExact();
			}
			return value.isString() ? Integer.valueOf(value.asString().trim()) : null;
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return null;
		}
	}

	private static List<String> strings(JsonNode array) {
		if (!array.isArray()) {
			return List.of();
		}
		List<String> strings = new ArrayList<>(array.size());
		for (JsonNode item : array) {
			String text = scalar(item);
			if (text != null) {
				strings.add(text);
			}
		}
		return strings;
	}

}
