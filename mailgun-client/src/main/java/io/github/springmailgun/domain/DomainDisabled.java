package io.github.springmailgun.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Why a domain is disabled ({@code domain.disabled}).
 *
 * @param code a code for the reason, such as {@code blacklisted}
 * @param note more about why
 * @param reason the reason
 * @param permanently whether it stays disabled
 * @param until when a temporary disablement ends, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DomainDisabled(@JsonProperty("code") @Nullable String code, @JsonProperty("note") @Nullable String note,
		@JsonProperty("reason") @Nullable String reason,
		@JsonProperty("permanently") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean permanently,
		@JsonProperty("until") @JsonDeserialize(using = MailgunDates.InstantDeserializer.class) @Nullable Instant until) {
}
