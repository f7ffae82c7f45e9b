package io.github.springmailgun.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A domain of the account, as {@code GET /v4/domains/{name}} describes it. Mailgun's
 * {@code smtp_password} is deliberately not read, so no secret ends up in this record or its
 * {@link #toString()}.
 *
 * @param name the domain name
 * @param id Mailgun's id of the domain
 * @param state the verification state
 * @param disabled whether the domain is disabled ({@code is_disabled})
 * @param disabledDetails why it is disabled ({@code disabled}), or {@code null}
 * @param createdAt when the domain was created, or {@code null} when Mailgun's date could not be read
 * @param type {@code custom} or {@code sandbox}
 * @param spamAction what happens to spam: {@code disabled}, {@code tag} or {@code block}
 * @param requireTls whether Mailgun only delivers over TLS
 * @param skipVerification whether Mailgun skips certificate checks on delivery
 * @param wildcard whether the domain accepts mail for subdomains
 * @param useAutomaticSenderSecurity whether Mailgun manages DKIM keys
 * @param smtpLogin the SMTP login, or {@code null}
 * @param webPrefix the subdomain used for tracking links
 * @param webScheme {@code http} or {@code https} for tracking links
 * @param trackingHost a custom tracking host, or {@code null}
 * @param subaccountId the subaccount that owns the domain, or {@code null}
 * @param archiveTo where copies of delivered messages are posted, or {@code null}
 * @param encryptIncomingMessage whether incoming messages are encrypted
 * @param messageTtl how long messages are kept, in seconds, or {@code null}
 */
public record Domain(String name, @Nullable String id, DomainState state,
		@JsonProperty("is_disabled") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean disabled,
		@JsonProperty("disabled") @Nullable DomainDisabled disabledDetails,
		@JsonProperty("created_at") @JsonDeserialize(using = MailgunDates.InstantDeserializer.class) @Nullable Instant createdAt,
		@Nullable String type, @JsonProperty("spam_action") @Nullable String spamAction,
		@JsonProperty("require_tls") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean requireTls,
		@JsonProperty("skip_verification") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean skipVerification,
		@JsonSetter(nulls = Nulls.AS_EMPTY) boolean wildcard,
		@JsonProperty("use_automatic_sender_security") @JsonSetter( nulls = Nulls.AS_EMPTY) boolean useAutomaticSenderSecurity,
		@JsonProperty("smtp_login") @Nullable String smtpLogin, @JsonProperty("web_prefix") @Nullable String webPrefix,
		@JsonProperty("web_scheme") @Nullable String webScheme,
		@JsonProperty("tracking_host") @Nullable String trackingHost,
		@JsonProperty("subaccount_id") @Nullable String subaccountId,
		@JsonProperty("archive_to") @Nullable String archiveTo,
		@JsonProperty("encrypt_incoming_message") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean encryptIncomingMessage,
		@JsonProperty("message_ttl") @Nullable Integer messageTtl) {

	/**
	 * Reads a missing state as {@link DomainState#UNKNOWN} and a missing name as empty.
	 */
	public Domain {
		name = (name != null) ? name : "";
		state = (state != null) ? state : DomainState.UNKNOWN;
	}

	/**
	 * Returns whether the domain can send: {@link DomainState#ACTIVE} and not disabled.
	 * @return whether it is active
	 */
	public boolean isActive() {
		return this.state == DomainState.ACTIVE && !this.disabled;
	}

}
