package io.github.springmailgun.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Reads how long Mailgun asks a client to wait after a 429 or 420. No header is documented, so every
 * hint seen in Mailgun's SDKs is honoured, most explicit first: {@code Retry-After},
 * {@code X-RateLimit-Reset}, {@code {"retry-seconds": N}}, then the text of the message ("try again
 * after 120 seconds" or "try again after Mon, 25 Aug 2025 07:00:31 UTC"). Dates go through
 * {@link MailgunDates#parse(String)}, which reads the zone name {@code UTC} that RFC 1123 lacks.
 */
final class RetryAfterHints {

	/** Seconds are tried first, so that "120 seconds" is not read as a date. */
	private static final Pattern TRY_AGAIN_AFTER = Pattern
		.compile("try again after\\s+(?:(\\d+(?:\\.\\d+)?)\\s*seconds?|(.+?)\\s*$)", Pattern.CASE_INSENSITIVE);

	private RetryAfterHints() {
	}

	static @Nullable Duration find(HttpHeaders headers, @Nullable Map<String, Object> body, String message,
			Instant now) {
		Duration hint = secondsOrDate(headers.getFirst(HttpHeaders.RETRY_AFTER), now);
		if (hint == null) {
			hint = epochSecond(headers.getFirst("X-RateLimit-Reset"), now);
		}
		if (hint == null && body != null && body.get("retry-seconds") instanceof Number seconds) {
			hint = seconds(seconds.doubleValue());
		}
		Matcher text = TRY_AGAIN_AFTER.matcher(message);
		if (hint == null && text.find()) {
			hint = (text.group(1) != null) ? seconds(Double.parseDouble(text.group(1))) : secondsOrDate(text.group(2), now);
		}
		return hint;
	}

	/** A number of seconds, or an HTTP date (a sentence's full stop after it is not part of it). */
	private static @Nullable Duration secondsOrDate(@Nullable String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.trim();
		try {
			return seconds(Double.parseDouble(text));
		}
		catch (NumberFormatException ex) {
			try {
				return until(MailgunDates.parse(text.endsWith(".") ? text.substring(0, text.length() - 1) : text), now);
			}
			catch (IllegalArgumentException notADate) {
				return null;
			}
		}
	}

	/** The epoch second of the reset, read with the date codec's guard against huge exponents. */
	private static @Nullable Duration epochSecond(@Nullable String value, Instant now) {
		try {
			Instant reset = (value != null) ? MailgunDates.epochSeconds(new BigDecimal(value.trim())) : null;
			return (reset != null) ? until(reset, now) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable Duration until(Instant then, Instant now) {
		Duration wait = Duration.between(now, then);
		// Through seconds(): a date centuries ahead saturates there instead of overflowing toMillis() later.
		return wait.isNegative() ? Duration.ZERO : seconds(wait.getSeconds() + wait.getNano() / 1e9);
	}

	private static @Nullable Duration seconds(double seconds) {
		if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
			return null;
		}
		return Duration.ofMillis((long) Math.ceil(seconds * 1000));
	}

}
