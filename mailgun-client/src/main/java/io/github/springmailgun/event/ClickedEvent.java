package io.github.springmailgun.event;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The recipient clicked a link (click tracking); the client and its location are in {@code client-info},
 * {@code geolocation} and {@code ip} of {@link #fields()}.
 *
 * @param data the common fields
 * @param url the link the recipient clicked
 */
public record ClickedEvent(EventData data, @Nullable String url) implements MailgunEvent {

	/**
	 * Checks that the data is of the {@code clicked} event type.
	 */
	public ClickedEvent {
		Objects.requireNonNull(data, "data").requireType(EventType.CLICKED);
	}

}
