package io.github.springmailgun.test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * What the Events and Logs APIs of the mock read from a query: Mailgun's filters (as far as the mock
 * supports them), times and durations.
 */
final class EventFilters {

	private EventFilters() {
	}

	/** The values of an event that a filter of the Events API compares with, or {@code null} for another name. */
	static @Nullable Function<MockEvent, List<String>> eventsField(String name) {
		return switch (name) {
			case "event" -> event -> List.of(event.event());
			case "recipient" -> event -> List.of(event.recipient());
			case "message-id" -> event -> List.of(event.messageId());
			case "severity" -> event -> (event.severity() != null) ? List.of(event.severity()) : List.of();
			case "tags" -> EventFilters::tags;
			case "from", "to", "subject" -> event -> {
				Object value = object(object(event.data().get("message")).get("headers")).get(name);
				return (value != null) ? List.of(String.valueOf(value)) : List.of();
			};
			default -> null;
		};
	}

	/** Whether a filter matches part of a header rather than the whole value. */
	static boolean contains(String name) {
		return name.equals("from") || name.equals("to") || name.equals("subject");
	}

	/** Mailgun's filter expressions, as far as the mock reads them: alternatives joined by {@code OR}. */
	static boolean matchesAny(List<String> values, String expression, boolean contains) {
		for (String alternative : expression.split("\\s+OR\\s+")) {
			String wanted = alternative.trim().replaceAll("^\"|\"$", "").toLowerCase(Locale.ROOT);
			for (String value : values) {
				String actual = value.toLowerCase(Locale.ROOT).replaceAll("^<|>$", "");
				if (contains ? actual.contains(wanted) : actual.equals(wanted.replaceAll("^<|>$", ""))) {
					return true;
				}
			}
		}
		return false;
	}

	/** The Logs API's {@code filter}: {@code {"AND": [{"attribute", "comparator", "values": [{"value"}]}]}}. */
	static Predicate<MockEvent> logsFilter(@Nullable Object filter) {
		Predicate<MockEvent> all = event -> true;
		Object and = object(filter).get("AND");
		if (and == null) {
			return all;
		}
		if (!(and instanceof List<?> predicates)) {
			throw new BadRequestException("filter.AND must be a list");
		}
		for (Object item : predicates) {
			Map<String, Object> predicate = object(item);
			String attribute = String.valueOf(predicate.get("attribute"));
			String comparator = String.valueOf(predicate.get("comparator"));
			List<String> values = new ArrayList<>();
			if (predicate.get("values") instanceof List<?> list) {
				list.forEach(value -> values.add(String.valueOf(object(value).get("value"))));
			}
			Function<MockEvent, List<String>> field = switch (attribute) {
				case "domain" -> event -> List.of(event.domain());
				case "tag", "tags" -> EventFilters::tags;
				default -> eventsField(attribute);
			};
			if (field == null) {
				throw new BadRequestException("The mock does not support the filter attribute '"
						+ Texts.abbreviate(attribute) + "'");
			}
			boolean contains = comparator.endsWith("contains");
			boolean negated = comparator.startsWith("not") || comparator.equals("!=");
			if (!contains && !comparator.equals("=") && !comparator.equals("!=")) {
				throw new BadRequestException("Unsupported comparator '" + Texts.abbreviate(comparator) + "'");
			}
			String expression = String.join(" OR ", values);
			all = all.and(event -> matchesAny(field.apply(event), expression, contains) != negated);
		}
		return all;
	}

	static List<String> tags(MockEvent event) {
		return strings(event.data().get("tags"));
	}

	static @Nullable Instant time(MockCall call, String name) {
		String text = call.query(name);
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			BigDecimal seconds = new BigDecimal(text.trim());
			if (seconds.abs().compareTo(BigDecimal.valueOf(Instant.MAX.getEpochSecond())) > 0) {
				throw new BadRequestException("Invalid " + name + ": out of range");
			}
			return Instant.ofEpochSecond(seconds.longValue(),
					seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
		}
		catch (NumberFormatException ex) {
			return MockDates.parse(name, text);
		}
	}

	/** Mailgun's durations: a count and {@code h}, {@code d} or {@code m} (months, counted as 30 days). */
	static Duration duration(String text) {
		try {
			long count = Long.parseLong(text.substring(0, text.length() - 1));
			return switch (text.charAt(text.length() - 1)) {
				case 'h' -> Duration.ofHours(count);
				case 'd' -> Duration.ofDays(count);
				case 'm' -> Duration.ofDays(30 * count);
				default -> throw new NumberFormatException(text);
			};
		}
		catch (RuntimeException ex) {
			throw new BadRequestException("Invalid duration: '" + Texts.abbreviate(text) + "', expected like 1d or 2h");
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> object(@Nullable Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	static List<String> strings(@Nullable Object value) {
		List<String> strings = new ArrayList<>();
		if (value instanceof List<?> list) {
			list.forEach(item -> strings.add(String.valueOf(item)));
		}
		return strings;
	}

}
