package io.github.springmailgun.domain;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * The verification state of a domain ({@code domain.state}).
 */
public enum DomainState {

	/** Verified and able to send ({@code active}). */
	ACTIVE,

	/** DNS records not verified yet ({@code unverified}). */
	UNVERIFIED,

	/** Disabled by Mailgun or the account ({@code disabled}). */
	DISABLED,

	/** A state this version of the client does not know. */
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
	 * Reads Mailgun's value; states added after this client was written become {@link #UNKNOWN}.
	 * @param value the wire value
	 * @return the state
	 */
	@JsonCreator
	public static DomainState of(@Nullable String value) {
		String wire = (value != null) ? value.trim() : "";
		return Arrays.stream(values())
			.filter((state) -> state.name().equalsIgnoreCase(wire))
			.findFirst()
			.orElse(UNKNOWN);
	}

}
