package io.github.springmailgun.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An event Mailgun reported, from the {@code event-data} of a webhook or an item of the Events or Logs
 * API (Mailgun sends the same JSON to all three): one record per {@link EventType}, and
 * {@link UnknownEvent} for events this library does not model, so that none is dropped. The common fields
 * are on this interface; every field Mailgun sent is in {@link #fields()}.
 *
 * <p>
 * Immutable. Webhooks are read by {@link io.github.springmailgun.webhook.WebhookPayloadParser}, the APIs'
 * items by {@link io.github.springmailgun.analytics.AnalyticsOperations}; {@link #fromJson(JsonNode)} reads
 * one from JSON received some other way (a queue, a log).
 */
public sealed interface MailgunEvent permits AcceptedEvent, RejectedEvent, DeliveredEvent, FailedEvent, OpenedEvent,
		ClickedEvent, UnsubscribedEvent, ComplainedEvent, StoredEvent, UnknownEvent {

	/**
	 * Reads an event from Mailgun's JSON. Tolerant: a field of the wrong type or out of range (a string
	 * where an object is expected, {@code 1e9999999} as a timestamp) reads as absent.
	 * @param eventData a webhook's {@code event-data}, or an item of the Events or Logs API
	 * @return the event, an {@link UnknownEvent} when its type is not modelled
	 * @throws IllegalArgumentException when the object has no {@code event} name
	 */
	static MailgunEvent fromJson(JsonNode eventData) {
		return EventJson.event(Objects.requireNonNull(eventData, "eventData"));
	}

	/**
	 * Returns the fields every event carries.
	 * @return the common fields
	 */
	EventData data();

	/**
	 * Returns the type of the event.
	 * @return the type, {@link EventType#UNKNOWN} for an {@link UnknownEvent}
	 */
	default EventType type() {
		return data().type();
	}

	/**
	 * Returns the event name as Mailgun sent it.
	 * @return the event name
	 */
	default String event() {
		return data().event();
	}

	/**
	 * Returns the event id, unique per event.
	 * @return the id, or {@code null}
	 */
	default @Nullable String id() {
		return data().id();
	}

	/**
	 * Returns when the event happened.
	 * @return the time, or {@code null}
	 */
	default @Nullable Instant timestamp() {
		return data().timestamp();
	}

	/**
	 * Returns the recipient address the event is about.
	 * @return the recipient, or {@code null}
	 */
	default @Nullable String recipient() {
		return data().recipient();
	}

	/**
	 * Returns the {@code Message-Id} of the message the event is about, without angle brackets.
	 * @return the message id, or {@code null}
	 */
	default @Nullable String messageId() {
		return data().message().messageId();
	}

	/**
	 * Returns the tags of the message.
	 * @return the tags, possibly empty
	 */
	default List<String> tags() {
		return data().tags();
	}

	/**
	 * Returns the user variables of the message.
	 * @return the variables, possibly empty
	 */
	default Map<String, Object> userVariables() {
		return data().userVariables();
	}

	/**
	 * Returns every field of {@code event-data}, as unmodifiable parsed JSON.
	 * @return the fields
	 */
	default Map<String, Object> fields() {
		return data().fields();
	}

}
