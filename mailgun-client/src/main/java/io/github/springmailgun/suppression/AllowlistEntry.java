package io.github.springmailgun.suppression;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * An address or a whole domain that Mailgun never suppresses for bounces, even after one.
 *
 * @param type whether the value is an address or a domain
 * @param value the address or domain
 * @param reason why the entry exists, as Mailgun recorded it, or {@code null}
 * @param createdAt when the entry was made
 */
public record AllowlistEntry(Type type, String value, @Nullable String reason,
		@JsonDeserialize(using = MailgunDates.InstantDeserializer.class) @Nullable Instant createdAt) {

	/**
	 * What an allowlist entry matches.
	 */
	public enum Type {

		/** One email address. */
		ADDRESS,

		/** Every address of a domain. */
		DOMAIN;

		/**
		 * Returns the type as Mailgun writes it.
		 * @return {@code address} or {@code domain}
		 */
		@JsonValue
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

		/**
		 * Reads the type as Mailgun writes it, ignoring case.
		 * @param value {@code address} or {@code domain}
		 * @return the type
		 * @throws IllegalArgumentException for another value
		 */
		@JsonCreator
		public static Type of(String value) {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}

	}

}
