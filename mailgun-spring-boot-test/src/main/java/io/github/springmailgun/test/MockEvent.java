package io.github.springmailgun.test;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One event of the local Mailgun, as its Events API serves it and its webhooks post it.
 *
 * @param id the event's id
 * @param event the event type, such as {@code accepted}, {@code delivered} or {@code failed}
 * @param severity {@code permanent} or {@code temporary} for a {@code failed} event, else {@code null}
 * @param domain the sending domain
 * @param recipient the recipient's address
 * @param messageId the message's id, without angle brackets
 * @param timestamp when it happened, on the mock's {@link MockClock}
 * @param data the event as Mailgun writes it (the {@code event-data} of a webhook), maps, lists and
 * simple values
 */
public record MockEvent(String id, String event, @Nullable String severity, String domain, String recipient,
		String messageId, Instant timestamp, Map<String, Object> data) {

	/**
	 * Checks the values.
	 */
	public MockEvent {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(event, "event");
		Objects.requireNonNull(domain, "domain");
		Objects.requireNonNull(recipient, "recipient");
		Objects.requireNonNull(messageId, "messageId");
		Objects.requireNonNull(timestamp, "timestamp");
		// In order, as Mailgun writes it; JSON nulls allowed.
		data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
	}

	/**
	 * Returns the event as JSON, as Mailgun writes it.
	 * @return the JSON text
	 */
	public String json() {
		return new String(MockJson.write(this.data), java.nio.charset.StandardCharsets.UTF_8);
	}

}
