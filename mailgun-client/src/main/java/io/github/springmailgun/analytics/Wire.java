package io.github.springmailgun.analytics;

import java.time.Duration;
import java.time.Instant;

import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

/**
 * Mailgun's wire forms of the analytics parameters.
 */
final class Wire {

	private Wire() {
	}

	/** Mailgun's durations are a count and a unit: {@code h} hours, {@code d} days, {@code m} months. */
	static String duration(Duration duration) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new MailgunValidationException("duration", "must be positive");
		}
		if (duration.toHoursPart() == 0 && duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0
				&& duration.toNanosPart() == 0) {
			return duration.toDays() + "d";
		}
		if (duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0 && duration.toNanosPart() == 0) {
			return duration.toHours() + "h";
		}
		throw new MailgunValidationException("duration", "must be whole hours or days, was " + duration);
	}

	static String months(int months) {
		if (months < 1) {
			throw new MailgunValidationException("duration", "must be at least one month, was " + months);
		}
		return months + "m";
	}

	static void requireOrder(@Nullable Instant start, @Nullable Instant end) {
		if (start != null && end != null && start.isAfter(end)) {
			throw new MailgunValidationException("start", "must not be after 'end'");
		}
	}

	static String requireText(String parameter, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new MailgunValidationException(parameter, "must not be blank");
		}
		return value.trim();
	}

}
