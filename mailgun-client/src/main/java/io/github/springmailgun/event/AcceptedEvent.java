package io.github.springmailgun.event;

import java.util.Objects;

/**
 * Mailgun accepted a message for delivery to a recipient and queued it.
 *
 * @param data the common fields
 */
public record AcceptedEvent(EventData data) implements MailgunEvent {

	/**
	 * Checks that the data is of the {@code accepted} event type.
	 */
	public AcceptedEvent {
		Objects.requireNonNull(data, "data").requireType(EventType.ACCEPTED);
	}

}
