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
 * One entry of the Logs API. The common fields are typed; Mailgun adds fields over time, so the whole
 * entry is also kept as {@link #fields()}.
 *
 * @param id the entry id
 * @param event the event type, such as {@code delivered} or {@code failed}
 * @param timestamp when it happened
 * @param domain the sending domain
 * @param recipient the recipient address
 * @param recipientDomain the recipient's domain
 * @param recipientProvider the recipient's mailbox provider, such as {@code Gmail}
 * @param severity {@code permanent} or {@code temporary}, for failures
 * @param reason why it failed, for failures
 * @param logLevel {@code info}, {@code warn} or {@code error}
 * @param tags the message's tags
 * @param deliveryStatus how delivery went
 * @param message the message
 * @param envelope the SMTP envelope
 * @param storage where the message is stored
 * @param fields the whole entry as Mailgun sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogEvent(@Nullable String id, @Nullable String event,
		@JsonProperty("@timestamp") @JsonDeserialize(
				using = MailgunDates.InstantDeserializer.class) @Nullable Instant timestamp,
		@Nullable Domain domain, @Nullable String recipient,
		@JsonProperty("recipient-domain") @Nullable String recipientDomain,
		@JsonProperty("recipient-provider") @Nullable String recipientProvider, @Nullable String severity,
		@Nullable String reason, @JsonProperty("log-level") @Nullable String logLevel, List<String> tags,
		@JsonProperty("delivery-status") @Nullable DeliveryStatus deliveryStatus, @Nullable EventMessage message,
		@Nullable EventEnvelope envelope, @Nullable EventStorage storage,
		@JsonIgnore Map<String, Object> fields) {

	/**
	 * Reads missing lists and maps as empty.
	 */
	public LogEvent {
		tags = (tags != null) ? tags.stream().filter(Objects::nonNull).toList() : List.of();
		fields = (fields != null) ? java.util.Collections.unmodifiableMap(fields) : Map.of();
	}

	/**
	 * Returns the name of the sending domain.
	 * @return the domain name, or {@code null}
	 */
	public @Nullable String domainName() {
		return (this.domain != null) ? this.domain.name() : null;
	}

	/**
	 * Returns a copy that keeps the entry's JSON.
	 * @param fields the entry as maps and lists
	 * @return the copy
	 */
	LogEvent withFields(Map<String, Object> fields) {
		return new LogEvent(this.id, this.event, this.timestamp, this.domain, this.recipient, this.recipientDomain,
				this.recipientProvider, this.severity, this.reason, this.logLevel, this.tags, this.deliveryStatus,
				this.message, this.envelope, this.storage, fields);
	}

	/**
	 * The sending domain of a log entry.
	 *
	 * @param name the domain name
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Domain(@Nullable String name) {
	}

}
