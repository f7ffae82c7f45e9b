package io.github.springmailgun.event;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Mailgun rejected the request to send or forward a message, for example to an unauthorized recipient of a
 * sandbox domain.
 *
 * @param data the common fields
 * @param reason why Mailgun rejected it ({@code reject.reason})
 * @param description more detail ({@code reject.description})
 */
public record RejectedEvent(EventData data, @Nullable String reason, @Nullable String description)
		implements MailgunEvent {

	/**
	 * Checks that the data is of the {@code rejected} event type.
	 */
	public RejectedEvent {
		Objects.requireNonNull(data, "data").requireType(EventType.REJECTED);
	}

}
