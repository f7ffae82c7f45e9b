package io.github.springmailgun.domain;

import java.time.Instant;

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
public record DomainDisabled(@Nullable String code, @Nullable String note, @Nullable String reason,
		@JsonSetter(nulls = Nulls.AS_EMPTY) boolean permanently,
		@JsonDeserialize(using = MailgunDates.InstantDeserializer.class) @Nullable Instant until) {
}
