package io.github.springmailgun.event;

import java.util.Objects;

/**
 * An event this library does not model (list uploads, email validation, events Mailgun adds later),
 * kept rather than dropped: its name is in {@link #event()} and all its fields in {@link #fields()}.
 *
 * @param data the common fields
 */
public record UnknownEvent(EventData data) implements MailgunEvent {

	/**
	 * Checks that the data is not of an event type this library models.
	 */
	public UnknownEvent {
		Objects.requireNonNull(data, "data").requireType(EventType.UNKNOWN);
	}

}
