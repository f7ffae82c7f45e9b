package io.github.springmailgun.event;

import java.util.Objects;

/**
 * The recipient reported the message as spam through a feedback loop.
 *
 * @param data the common fields
 */
public record ComplainedEvent(EventData data) implements MailgunEvent {

	/**
	 * Checks that the data is of the {@code complained} event type.
	 */
	public ComplainedEvent {
		Objects.requireNonNull(data, "data").requireType(EventType.COMPLAINED);
	}

}
