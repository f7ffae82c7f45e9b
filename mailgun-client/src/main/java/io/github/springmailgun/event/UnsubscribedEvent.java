package io.github.springmailgun.event;

import java.util.Objects;

/**
 * The recipient clicked the unsubscribe link; the client and its location are in {@code client-info},
 * {@code geolocation} and {@code ip} of {@link #fields()}.
 *
 * @param data the common fields
 */
public record UnsubscribedEvent(EventData data) implements MailgunEvent {

	/**
	 * Checks that the data is of the {@code unsubscribed} event type.
	 */
	public UnsubscribedEvent {
		Objects.requireNonNull(data, "data").requireType(EventType.UNSUBSCRIBED);
	}

}
