package io.github.springmailgun.suppression;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.Nulls;
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
public record AllowlistEntry(@JsonSetter(nulls = Nulls.FAIL) Type type, @JsonSetter(nulls = Nulls.FAIL) String value,
		@Nullable String reason,
		@JsonDeserialize(using = MailgunDates.InstantDeserializer.class) @Nullable Instant createdAt) {

	/**
	 * What an allowlist entry matches: {@link #ADDRESS}, {@link #DOMAIN}, or a type Mailgun added after
	 * this client was written, kept as Mailgun wrote it rather than failing the page it is on.
	 *
	 * @param value the type as Mailgun writes it, in lower case, such as {@code address}
	 */
	public record Type(String value) {

		/** One email address. */
		public static final Type ADDRESS = new Type("address");

		/** Every address of a domain. */
		public static final Type DOMAIN = new Type("domain");

		/**
		 * Reads the value as Mailgun compares it: trimmed, in lower case.
		 */
		public Type {
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException("an allowlist entry type must not be blank");
			}
			value = value.trim().toLowerCase(Locale.ROOT);
		}

		/**
		 * Returns the type as Mailgun writes it.
		 * @return the wire value, such as {@code address}
		 */
		@Override
		@JsonValue
		public String value() {
			return this.value;
		}

		/**
		 * Reads the type as Mailgun writes it, ignoring case; never fails on a type this client does not know.
		 * @param value such as {@code address} or {@code domain}
		 * @return the type, equal to {@link #ADDRESS} or {@link #DOMAIN} for those values
		 */
		@JsonCreator
		public static Type of(String value) {
			return new Type(value);
		}

		/**
		 * Returns whether this is one of the types this client knows.
		 * @return {@code true} for {@link #ADDRESS} and {@link #DOMAIN}
		 */
		public boolean isKnown() {
			return equals(ADDRESS) || equals(DOMAIN);
		}

	}

}
