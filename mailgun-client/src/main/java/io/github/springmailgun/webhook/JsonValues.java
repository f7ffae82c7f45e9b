package io.github.springmailgun.webhook;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads values out of JSON parsed into maps and lists, tolerating the wrong types, and copies such JSON
 * into unmodifiable collections.
 */
final class JsonValues {

	private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

	/** Digits before the point of the largest epoch second an {@link Instant} holds (31556889864403199). */
	private static final int MAX_EPOCH_SECOND_DIGITS = 17;

	/** Longest text read as a timestamp; Mailgun's have 17 characters, Jackson's numbers at most 1,000. */
	private static final int MAX_TIMESTAMP_TEXT = 1000;

	private JsonValues() {
	}

	static @Nullable String text(Map<?, ?> map, String key) {
		Object value = map.get(key);
		return (value instanceof String || value instanceof Number || value instanceof Boolean) ? value.toString()
				: null;
	}

	static @Nullable Integer integer(Map<?, ?> map, String key) {
		Object value = map.get(key);
		if (value instanceof Integer number) {
			return number;
		}
		if (value instanceof Number number) {
			// Exactly an int or nothing: intValue() would read 2147483648 as -2147483648 and 250.5 as 250.
			try {
				BigDecimal decimal = (number instanceof BigDecimal exact) ? exact : new BigDecimal(number.toString());
				return decimal.intValueExact();
			}
			catch (NumberFormatException | ArithmeticException ex) {
				return null;
			}
		}
		if (value instanceof String text) {
			try {
				return Integer.valueOf(text.trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	static Map<?, ?> object(Map<?, ?> map, String key) {
		return (map.get(key) instanceof Map<?, ?> object) ? object : Map.of();
	}

	static List<String> strings(Map<?, ?> map, String key) {
		if (!(map.get(key) instanceof List<?> list)) {
			return List.of();
		}
		List<String> strings = new ArrayList<>(list.size());
		for (Object item : list) {
			if (item != null) {
				strings.add(item.toString());
			}
		}
		return List.copyOf(strings);
	}

	/**
	 * Reads Mailgun's epoch seconds with a fraction ({@code 1529692198.641821}), as a number or text.
	 */
	static @Nullable Instant epochSeconds(@Nullable Object value) {
		BigDecimal seconds;
		try {
			if (value instanceof BigDecimal decimal) {
				seconds = decimal;
			}
			else if (value instanceof Number || value instanceof String) {
				String text = value.toString().trim();
				if (text.length() > MAX_TIMESTAMP_TEXT) {
					return null;
				}
				seconds = new BigDecimal(text);
			}
			else {
				return null;
			}
			// Judge the magnitude from precision and scale before any arithmetic: setScale or subtract
			// expand 1e9999999 (nine bytes of an unverified body) into its ten million digits, which takes
			// BigDecimal 15 to 40 seconds of CPU.
			if (seconds.signum() == 0) {
				return Instant.EPOCH;
			}
			int integerDigits = seconds.precision() - seconds.scale();
			if (integerDigits > MAX_EPOCH_SECOND_DIGITS) {
				return null;
			}
			if (integerDigits < -9) {
				// Closer to the epoch than a nanosecond: the floor is the epoch or the nanosecond before.
				return (seconds.signum() > 0) ? Instant.EPOCH : Instant.EPOCH.minusNanos(1);
			}
			BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
			long nanos = seconds.subtract(whole).multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.DOWN).longValue();
			return Instant.ofEpochSecond(whole.longValueExact(), nanos);
		}
		catch (NumberFormatException | ArithmeticException | DateTimeException ex) {
			return null;
		}
	}

	/**
	 * Copies a JSON object into unmodifiable maps and lists, all the way down; members whose value is JSON
	 * {@code null} are left out.
	 */
	static Map<String, Object> copyObject(Map<?, ?> map) {
		Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			Object value = entry.getValue();
			if (entry.getKey() != null && value != null) {
				copy.put(entry.getKey().toString(), copyValue(value));
			}
		}
		return Collections.unmodifiableMap(copy);
	}

	private static Object copyValue(Object value) {
		if (value instanceof Map<?, ?> map) {
			return copyObject(map);
		}
		if (value instanceof List<?> list) {
			List<@Nullable Object> copy = new ArrayList<>(list.size());
			for (Object item : list) {
				copy.add((item != null) ? copyValue(item) : null);
			}
			return Collections.unmodifiableList(copy);
		}
		return value;
	}

}
