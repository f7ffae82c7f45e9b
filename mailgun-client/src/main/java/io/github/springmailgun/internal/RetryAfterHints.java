package io.github.springmailgun.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Reads how long Mailgun asks a client to wait after a 429. No header is documented, so every hint
 * seen in Mailgun's SDKs is honoured, most explicit first: {@code Retry-After},
 * {@code X-RateLimit-Reset}, {@code {"retry-seconds": N}}, then the text of the message ("try again
 * after 120 seconds" or "try again after &lt;date&gt;").
 */
final class RetryAfterHints {

	private static final Pattern AFTER_SECONDS = Pattern.compile("try again after\\s+(\\d+(?:\\.\\d+)?)\\s*seconds?",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern AFTER_DATE = Pattern.compile("try again after\\s+(.+?)\\s*$",
			Pattern.CASE_INSENSITIVE);

	private RetryAfterHints() {
	}

	static @Nullable Duration find(HttpHeaders headers, @Nullable Map<String, Object> body, String message,
			Instant now) {
		Duration hint = retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER), now);
		if (hint == null) {
			hint = rateLimitReset(headers.getFirst("X-RateLimit-Reset"), now);
		}
		if (hint == null && body != null && body.get("retry-seconds") instanceof Number seconds) {
			hint = seconds(seconds.doubleValue());
		}
		if (hint == null) {
			hint = fromMessage(message, now);
		}
		return hint;
	}

	private static @Nullable Duration retryAfter(@Nullable String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return seconds(Double.parseDouble(value.trim()));
		}
		catch (NumberFormatException ex) {
			return until(value.trim(), now);
		}
	}

	private static @Nullable Duration rateLimitReset(@Nullable String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			double epochSeconds = Double.parseDouble(value.trim());
			long millis = (long) (epochSeconds * 1000) - now.toEpochMilli();
			return Duration.ofMillis(Math.max(millis, 0));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable Duration fromMessage(String message, Instant now) {
		Matcher seconds = AFTER_SECONDS.matcher(message);
		if (seconds.find()) {
			return seconds(Double.parseDouble(seconds.group(1)));
		}
		Matcher date = AFTER_DATE.matcher(message);
		if (date.find()) {
			return until(date.group(1), now);
		}
		return null;
	}

	private static @Nullable Duration until(String text, Instant now) {
		String date = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
		try {
			Instant then = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(now, then);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Duration seconds(double seconds) {
		if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
			return null;
		}
		return Duration.ofMillis((long) Math.ceil(seconds * 1000));
	}

}
