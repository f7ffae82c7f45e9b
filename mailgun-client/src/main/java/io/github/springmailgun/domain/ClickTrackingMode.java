package io.github.springmailgun.domain;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * The click tracking setting of a domain. Mailgun writes it as a boolean or as the text
 * {@code htmlonly}, so both are read.
 */
public enum ClickTrackingMode {

	/** Links are rewritten in every part ({@code true}). */
	ENABLED("true"),

	/** Links are not rewritten ({@code false}). */
	DISABLED("false"),

	/** Links are rewritten in the HTML part only ({@code htmlonly}). */
	HTML_ONLY("htmlonly");

	private final String wireValue;

	ClickTrackingMode(String wireValue) {
		this.wireValue = wireValue;
	}

	/**
	 * Returns the value as the {@code active} parameter expects it.
	 * @return the wire value
	 */
	public String wireValue() {
		return this.wireValue;
	}

	/**
	 * Reads Mailgun's value: a boolean, {@code true}/{@code yes}, {@code false}/{@code no}, or
	 * {@code htmlonly}.
	 * @param value the value as Mailgun wrote it
	 * @return the mode, or {@code null} for a value this client does not know
	 */
	@JsonCreator
	public static @Nullable ClickTrackingMode of(@Nullable Object value) {
		// A boolean's text is its wire value, and a null's ("null") is no value this client knows.
		return switch (String.valueOf(value).trim().toLowerCase(Locale.ROOT)) {
			case "true", "yes" -> ENABLED;
			case "false", "no" -> DISABLED;
			case "htmlonly" -> HTML_ONLY;
			default -> null;
		};
	}

}
