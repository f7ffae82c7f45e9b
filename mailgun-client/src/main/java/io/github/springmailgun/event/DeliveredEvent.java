package io.github.springmailgun.event;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The recipient's mail server accepted the message.
 *
 * @param data the common fields
 * @param deliveryStatus the SMTP outcome, or {@code null}
 */
public record DeliveredEvent(EventData data, @Nullable DeliveryStatus deliveryStatus)
		implements MailgunEvent {

	/**
	 * Checks that the data is of the {@code delivered} event type.
	 */
	public DeliveredEvent {
		Objects.requireNonNull(data, "data").requireType(EventType.DELIVERED);
	}

}
