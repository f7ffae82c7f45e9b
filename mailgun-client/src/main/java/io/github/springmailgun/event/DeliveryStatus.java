package io.github.springmailgun.event;

import java.util.Map;
import java.util.Objects;

import io.github.springmailgun.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * The SMTP outcome of a delivery attempt, from {@code event-data.delivery-status} of delivered and failed
 * events, from webhooks and the Events and Logs APIs alike. Fields not typed here ({@code tls},
 * {@code session-seconds}, ...) are in {@link #fields()}.
 *
 * @param code the SMTP status code, or Mailgun's own code (for example 605 for a suppressed bounce)
 * @param enhancedCode the enhanced status code, for example {@code 5.1.1}
 * @param message the server's response text
 * @param description Mailgun's description of the outcome
 * @param attemptNo the number of the delivery attempt
 * @param mxHost the mail server Mailgun talked to ({@code mx-host})
 * @param retrySeconds when Mailgun retries a temporary failure, in seconds ({@code retry-seconds})
 * @param fields every field of {@code delivery-status}, as parsed JSON
 */
public record DeliveryStatus(@Nullable Integer code, @Nullable String enhancedCode, @Nullable String message,
		@Nullable String description, @Nullable Integer attemptNo, @Nullable String mxHost,
		@Nullable Integer retrySeconds, Map<String, Object> fields) {

	/**
	 * Copies the fields.
	 */
	public DeliveryStatus {
		fields = Json.immutableObject(Objects.requireNonNull(fields, "fields"));
	}

}
