package io.github.springmailgun.analytics;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The time buckets of metrics and stats.
 */
public enum Resolution {

	/** One bucket per hour. */
	HOUR,

	/** One bucket per day (Mailgun's default). */
	DAY,

	/** One bucket per calendar month. */
	MONTH;

	/**
	 * Returns the resolution as Mailgun writes it.
	 * @return {@code hour}, {@code day} or {@code month}
	 */
	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
