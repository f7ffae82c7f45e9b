package io.github.springmailgun.event;

import java.util.Objects;

/**
 * The recipient opened the message (open tracking); the client and its location are in {@code client-info},
 * {@code geolocation} and {@code ip} of {@link #fields()}.
 *
 * @param data the common fields
 */
public record OpenedEvent(EventData data) implements MailgunEvent {

	/**
	 * Checks that the data is of the {@code opened} event type.
	 */
	public OpenedEvent {
		Objects.requireNonNull(data, "data").requireType(EventType.OPENED);
	}

}
