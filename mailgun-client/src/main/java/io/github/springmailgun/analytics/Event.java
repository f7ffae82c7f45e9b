package io.github.springmailgun.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One event of the deprecated Events API. The common fields are typed; Mailgun adds fields over time,
 * so the whole event is also kept as {@link #fields()}.
 *
 * @param id the event id
 * @param event the event type, such as {@code delivered} or {@code failed}
 * @param timestamp when it happened (Mailgun sends fractional epoch seconds)
 * @param logLevel {@code info}, {@code warn} or {@code error}
 * @param recipient the recipient address
 * @param recipientDomain the recipient's domain
 * @param recipientProvider the recipient's mailbox provider
 * @param severity {@code permanent} or {@code temporary}, for failures
 * @param reason why it failed, for failures
 * @param url the clicked URL, for clicks
 * @param ip the client IP address, for opens and clicks
 * @param tags the message's tags
 * @param userVariables the message's user variables
 * @param deliveryStatus how delivery went
 * @param message the message
 * @param envelope the SMTP envelope
 * @param storage where the message is stored
 * @param fields the whole event as Mailgun sent it
 * @deprecated Mailgun deprecated the Events API in favour of the Logs API: use {@link LogEvent} from
 * {@link AnalyticsOperations#logs(LogsQuery)}
 */
@Deprecated
@JsonIgnoreProperties(ignoreUnknown = true)
public record Event(@Nullable String id, @Nullable String event,
		@JsonDeserialize(using = MailgunDates.InstantDeserializer.class) @Nullable Instant timestamp,
		@JsonProperty("log-level") @Nullable String logLevel, @Nullable String recipient,
		@JsonProperty("recipient-domain") @Nullable String recipientDomain,
		@JsonProperty("recipient-provider") @Nullable String recipientProvider, @Nullable String severity,
		@Nullable String reason, @Nullable String url, @Nullable String ip, List<String> tags,
		@JsonProperty("user-variables") Map<String, Object> userVariables,
		@JsonProperty("delivery-status") @Nullable DeliveryStatus deliveryStatus, @Nullable EventMessage message,
		@Nullable EventEnvelope envelope, @Nullable EventStorage storage, @JsonIgnore Map<String, Object> fields) {

	/**
	 * Reads missing lists and maps as empty.
	 */
	public Event {
		tags = (tags != null) ? tags.stream().filter(Objects::nonNull).toList() : List.of();
		userVariables = (userVariables != null) ? java.util.Collections.unmodifiableMap(userVariables) : Map.of();
		fields = (fields != null) ? java.util.Collections.unmodifiableMap(fields) : Map.of();
	}

	/**
	 * Returns a copy that keeps the event's JSON.
	 * @param fields the event as maps and lists
	 * @return the copy
	 */
	Event withFields(Map<String, Object> fields) {
		return new Event(this.id, this.event, this.timestamp, this.logLevel, this.recipient, this.recipientDomain,
				this.recipientProvider, this.severity, this.reason, this.url, this.ip, this.tags, this.userVariables,
				this.deliveryStatus, this.message, this.envelope, this.storage, fields);
	}

}
