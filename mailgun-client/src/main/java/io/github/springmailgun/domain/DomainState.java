package io.github.springmailgun.domain;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * The verification state of a domain ({@code domain.state}).
 */
public enum DomainState {

	/** Verified and able to send ({@code active}). */
	ACTIVE("active"),

	/** DNS records not verified yet ({@code unverified}). */
	UNVERIFIED("unverified"),

	/** Disabled by Mailgun or the account ({@code disabled}). */
	DISABLED("disabled"),

	/** A state this version of the client does not know. */
	UNKNOWN("unknown");

	private final String wireValue;

	DomainState(String wireValue) {
		this.wireValue = wireValue;
	}

	/**
	 * Returns the value as Mailgun writes it.
	 * @return the wire value
	 */
	@JsonValue
	public String wireValue() {
		return this.wireValue;
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
			.filter((state) -> state.wireValue.equalsIgnoreCase(wire))
			.findFirst()
			.orElse(UNKNOWN);
	}

}
