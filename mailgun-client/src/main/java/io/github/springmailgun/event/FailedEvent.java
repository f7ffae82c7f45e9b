package io.github.springmailgun.event;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The message could not be delivered: {@link FailureSeverity#PERMANENT} when Mailgun gave up (bounce,
 * suppressed address), {@link FailureSeverity#TEMPORARY} when it will retry.
 *
 * @param data the common fields
 * @param severity whether Mailgun gave up or will retry
 * @param reason Mailgun's reason, for example {@code bounce}, {@code suppress-bounce}, {@code generic}
 * @param deliveryStatus the SMTP outcome, or {@code null}
 */
public record FailedEvent(EventData data, FailureSeverity severity, @Nullable String reason,
		@Nullable DeliveryStatus deliveryStatus) implements MailgunEvent {

	/**
	 * Checks that the data is of the {@code failed} event type.
	 */
	public FailedEvent {
		Objects.requireNonNull(data, "data").requireType(EventType.FAILED);
		Objects.requireNonNull(severity, "severity");
	}

	/**
	 * Returns whether Mailgun gave up on the message.
	 * @return {@code true} for a permanent failure
	 */
	public boolean isPermanent() {
		return this.severity == FailureSeverity.PERMANENT;
	}

}
