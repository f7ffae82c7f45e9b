package io.github.springmailgun.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.springmailgun.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * What every Mailgun event carries, read from {@code event-data}. Mailgun adds fields over time: every
 * field, typed here or not ({@code client-info}, {@code geolocation}, {@code envelope}, {@code flags},
 * ...), is in {@link #fields()}.
 *
 * @param event the event name as Mailgun sent it ({@code delivered}, {@code failed}, ...)
 * @param id the event id, unique per event; a handler can use it to skip duplicates
 * @param timestamp when the event happened, or {@code null} when absent or not a number
 * @param recipient the recipient address the event is about
 * @param message the headers of the message the event is about
 * @param tags the tags of the message ({@code o:tag})
 * @param userVariables the variables of the message ({@code v:} and {@code X-Mailgun-Variables})
 * @param storage where the message is stored, or {@code null}
 * @param fields every field of {@code event-data}, as unmodifiable parsed JSON (maps, lists, strings,
 * numbers, booleans; members that are JSON {@code null} are left out)
 */
public record EventData(String event, @Nullable String id, @Nullable Instant timestamp, @Nullable String recipient,
		MessageHeaders message, List<String> tags, Map<String, Object> userVariables,
		@Nullable StorageLocation storage, Map<String, Object> fields) {

	/**
	 * Checks the event name and copies the collections.
	 */
	public EventData {
		Objects.requireNonNull(event, "event");
		if (event.isBlank()) {
			throw new IllegalArgumentException("event must not be blank");
		}
		Objects.requireNonNull(message, "message");
		tags = List.copyOf(tags);
		userVariables = Json.immutableObject(userVariables);
		fields = Json.immutableObject(fields);
	}

	/**
	 * Reads the common fields of an {@code event-data} object.
	 * @param eventData the parsed event-data object, with an {@code event} name
	 * @return the common fields
	 * @throws IllegalArgumentException when {@code event} is missing or blank
	 */
	public static EventData fromJson(Map<?, ?> eventData) {
		return EventJson.data(Json.mapper().valueToTree(eventData));
	}

	/**
	 * Returns the type of the event.
	 * @return the type, {@link EventType#UNKNOWN} for events this library does not model
	 */
	public EventType type() {
		return EventType.of(this.event);
	}

	/**
	 * Returns a summary without the fields.
	 * @return the summary
	 */
	@Override
	public String toString() {
		return "EventData[event=" + this.event + ", id=" + this.id + ", timestamp=" + this.timestamp + ", recipient="
				+ this.recipient + ", messageId=" + this.message.messageId() + ", tags=" + this.tags + "]";
	}

	void requireType(EventType expected) {
		if (type() != expected) {
			throw new IllegalArgumentException("Expected a '" + expected.wireName() + "' event, got '" + this.event + "'");
		}
	}

}
