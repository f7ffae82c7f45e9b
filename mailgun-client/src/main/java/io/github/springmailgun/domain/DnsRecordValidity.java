package io.github.springmailgun.domain;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Whether Mailgun found a DNS record as expected ({@code valid} of a DNS record).
 */
public enum DnsRecordValidity {

	/** Found with the expected value ({@code valid}). */
	VALID,

	/** Missing or with another value ({@code invalid}). */
	INVALID,

	/** Not checked yet, or a value this client does not know ({@code unknown}). */
	UNKNOWN;

	/**
	 * Returns the value as Mailgun writes it.
	 * @return the wire value
	 */
	@JsonValue
	public String wireValue() {
		// Mailgun's values are the constants' names in lower case.
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Reads Mailgun's value; anything unexpected is {@link #UNKNOWN}.
	 * @param value the wire value
	 * @return the validity
	 */
	@JsonCreator
	public static DnsRecordValidity of(@Nullable String value) {
		String wire = (value != null) ? value.trim() : "";
		return Arrays.stream(values())
			.filter((validity) -> validity.name().equalsIgnoreCase(wire))
			.findFirst()
			.orElse(UNKNOWN);
	}

}
