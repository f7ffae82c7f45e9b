package io.github.springmailgun.analytics;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * How a delivery attempt went, as recorded on a log entry or event.
 *
 * @param code the SMTP code (Mailgun's own codes, such as 605, for suppressed mail)
 * @param message the receiving server's message
 * @param description Mailgun's description
 * @param attemptNo the number of the attempt
 * @param mxHost the receiving mail server
 * @param sessionSeconds how long the SMTP session took
 * @param retrySeconds when Mailgun retries, for temporary failures
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryStatus(@Nullable Integer code, @Nullable String message, @Nullable String description,
		@JsonProperty("attempt-no") @Nullable Integer attemptNo, @JsonProperty("mx-host") @Nullable String mxHost,
		@JsonProperty("session-seconds") @Nullable Double sessionSeconds,
		@JsonProperty("retry-seconds") @Nullable Integer retrySeconds) {
}
