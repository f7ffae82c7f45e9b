package io.github.springmailgun.event;

import org.jspecify.annotations.Nullable;

/**
 * How final a {@link FailedEvent} is, from {@code event-data.severity}.
 */
public enum FailureSeverity {

	/** Mailgun gave up: the message will not be delivered. */
	PERMANENT,

	/** Mailgun will retry the delivery. */
	TEMPORARY,

	/** The event carries no severity, or one this library does not know. */
	UNKNOWN;

	/**
	 * Returns the severity of a Mailgun severity value, ignoring case.
	 * @param severity the value of {@code event-data.severity}, or {@code null}
	 * @return the severity, {@link #UNKNOWN} when absent or not known
	 */
	public static FailureSeverity of(@Nullable String severity) {
		if ("permanent".equalsIgnoreCase(severity)) {
			return PERMANENT;
		}
		if ("temporary".equalsIgnoreCase(severity)) {
			return TEMPORARY;
		}
		return UNKNOWN;
	}

}
