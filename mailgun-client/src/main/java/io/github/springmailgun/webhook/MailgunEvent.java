package io.github.springmailgun.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An event Mailgun reported, from the {@code event-data} of a webhook: one record per
 * {@link EventType}, and {@link UnknownEvent} for events this library does not model, so that none is
 * dropped. The common fields are on this interface; every field Mailgun sent is in {@link #fields()}.
 *
 * <p>
 * Immutable. Read one with {@link WebhookPayloadParser#parseEvent(Map)}.
 */
public sealed interface MailgunEvent permits AcceptedEvent, RejectedEvent, DeliveredEvent, FailedEvent, OpenedEvent,
		ClickedEvent, UnsubscribedEvent, ComplainedEvent, StoredEvent, UnknownEvent {

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
