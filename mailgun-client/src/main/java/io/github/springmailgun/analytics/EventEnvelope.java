package io.github.springmailgun.analytics;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The SMTP envelope of a delivery.
 *
 * @param sender the envelope sender
 * @param targets the envelope recipients
 * @param transport {@code smtp} or {@code http}
 * @param sendingIp the IP address Mailgun sent from
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventEnvelope(@Nullable String sender, @Nullable String targets, @Nullable String transport,
		@JsonProperty("sending-ip") @Nullable String sendingIp) {
}
