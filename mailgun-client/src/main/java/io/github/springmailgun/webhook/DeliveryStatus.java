package io.github.springmailgun.webhook;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The SMTP outcome of a delivery attempt, from {@code event-data.delivery-status} of delivered and failed
 * events. Fields not typed here ({@code tls}, {@code session-seconds}, ...) are in {@link #fields()}.
 *
 * @param code the SMTP status code, or Mailgun's own code (for example 605 for a suppressed bounce)
 * @param enhancedCode the enhanced status code, for example {@code 5.1.1}
 * @param message the server's response text
 * @param description Mailgun's description of the outcome
 * @param attemptNo the number of the delivery attempt
 * @param mxHost the mail server Mailgun talked to ({@code mx-host})
 * @param fields every field of {@code delivery-status}, as parsed JSON
 */
public record DeliveryStatus(@Nullable Integer code, @Nullable String enhancedCode, @Nullable String message,
		@Nullable String description, @Nullable Integer attemptNo, @Nullable String mxHost,
		Map<String, Object> fields) {

	/**
	 * Copies the fields.
	 */
	public DeliveryStatus {
		fields = JsonValues.copyObject(Objects.requireNonNull(fields, "fields"));
	}

	/**
	 * Reads the delivery status from the {@code delivery-status} object.
	 * @param status the parsed delivery-status object
	 * @return the delivery status
	 */
	public static DeliveryStatus fromJson(Map<?, ?> status) {
		String mxHost = JsonValues.text(status, "mx-host");
		return new DeliveryStatus(JsonValues.integer(status, "code"), JsonValues.text(status, "enhanced-code"),
				JsonValues.text(status, "message"), JsonValues.text(status, "description"),
				JsonValues.integer(status, "attempt-no"), (mxHost != null) ? mxHost : JsonValues.text(status, "mxhost"),
				JsonValues.copyObject(status));
	}

}
