package io.github.springmailgun.event;

import java.util.Objects;

/**
 * Mailgun stored an incoming message (a route's {@code store()} action); {@link EventData#storage()} says
 * where.
 *
 * @param data the common fields
 */
public record StoredEvent(EventData data) implements MailgunEvent {

	/**
	 * Checks that the data is of the {@code stored} event type.
	 */
	public StoredEvent {
		Objects.requireNonNull(data, "data").requireType(EventType.STORED);
	}

}
