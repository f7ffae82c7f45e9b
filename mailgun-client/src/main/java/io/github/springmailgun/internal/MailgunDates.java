package io.github.springmailgun.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads the timestamps Mailgun writes. Its APIs use RFC 1123 dates but name the zone as Go does
 * ({@code UTC}, {@code GMT}, {@code MST}, or an offset), which {@code DateTimeFormatter.RFC_1123_DATE_TIME}
 * refuses; some newer fields are ISO 8601 and events use epoch seconds. A value that fits none of these
 * reads as {@code null} rather than failing the whole response.
 */
public final class MailgunDates {

	private static final Pattern RFC_1123 = Pattern.compile(
			"(?:[A-Za-z]{3},\\s*)?(\\d{1,2})\\s+([A-Za-z]{3})\\s+(\\d{4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?"
					+ "\\s*([A-Za-z]{1,5}|[+-]\\d{2}:?\\d{2})?");

	private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
			Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
			Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

	// RFC 822 zone names, as fixed offsets: "MST" in a Mailgun date is -07:00 all year.
	private static final Map<String, ZoneOffset> ZONES = Map.ofEntries(Map.entry("UT", ZoneOffset.UTC),
			Map.entry("UTC", ZoneOffset.UTC), Map.entry("GMT", ZoneOffset.UTC), Map.entry("Z", ZoneOffset.UTC),
			Map.entry("EST", ZoneOffset.ofHours(-5)), Map.entry("EDT", ZoneOffset.ofHours(-4)),
			Map.entry("CST", ZoneOffset.ofHours(-6)), Map.entry("CDT", ZoneOffset.ofHours(-5)),
			Map.entry("MST", ZoneOffset.ofHours(-7)), Map.entry("MDT", ZoneOffset.ofHours(-6)),
			Map.entry("PST", ZoneOffset.ofHours(-8)), Map.entry("PDT", ZoneOffset.ofHours(-7)));

	private MailgunDates() {
	}

	/**
	 * Parses a Mailgun timestamp: RFC 1123 with a zone name or offset, ISO 8601, or epoch seconds.
	 * @param text the timestamp, or {@code null}
	 * @return the instant, or {@code null} when the text is blank or not a timestamp this class knows
	 */
	public static @Nullable Instant parse(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.trim();
		Matcher matcher = RFC_1123.matcher(value);
		if (matcher.matches()) {
			return rfc1123(matcher);
		}
		if (value.matches("\\d+(\\.\\d+)?")) {
			return epochSeconds(new BigDecimal(value));
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			// Not ISO 8601 with an offset; try without one (Mailgun means UTC).
		}
		try {
			return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Instant rfc1123(Matcher matcher) {
		Integer month = MONTHS.get(matcher.group(2).toLowerCase(Locale.ROOT));
		ZoneOffset offset = offset(matcher.group(8));
		if (month == null || offset == null) {
			return null;
		}
		try {
			String fraction = matcher.group(7);
			int nanos = (fraction != null) ? Integer.parseInt((fraction + "00000000").substring(0, 9)) : 0;
			int seconds = (matcher.group(6) != null) ? Integer.parseInt(matcher.group(6)) : 0;
			return LocalDateTime
				.of(Integer.parseInt(matcher.group(3)), month, Integer.parseInt(matcher.group(1)),
						Integer.parseInt(matcher.group(4)), Integer.parseInt(matcher.group(5)), seconds, nanos)
				.toInstant(offset);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static @Nullable ZoneOffset offset(@Nullable String zone) {
		if (zone == null) {
			return ZoneOffset.UTC;
		}
		if (zone.startsWith("+") || zone.startsWith("-")) {
			String digits = zone.replace(":", "");
			try {
				return ZoneOffset.ofHoursMinutes(Integer.parseInt(digits.substring(0, 3)),
						Integer.parseInt(digits.substring(0, 1) + digits.substring(3, 5)));
			}
			catch (DateTimeException | NumberFormatException ex) {
				return null;
			}
		}
		return ZONES.get(zone.toUpperCase(Locale.ROOT));
	}

	private static @Nullable Instant epochSeconds(BigDecimal seconds) {
		try {
			long whole = seconds.longValueExact();
			return Instant.ofEpochSecond(whole);
		}
		catch (ArithmeticException notWhole) {
			try {
				long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
				long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
				return Instant.ofEpochSecond(whole, nanos);
			}
			catch (ArithmeticException | DateTimeException outOfRange) {
				return null;
			}
		}
		catch (DateTimeException outOfRange) {
			return null;
		}
	}

	/**
	 * Binds a Mailgun timestamp (text or epoch seconds) to an {@link Instant}, or {@code null} when it
	 * cannot be read. Use with {@code @JsonDeserialize(using = MailgunDates.InstantDeserializer.class)}.
	 */
	public static final class InstantDeserializer extends ValueDeserializer<Instant> {

		@Override
		public @Nullable Instant deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
				return epochSeconds(parser.getDecimalValue());
			}
			if (token == JsonToken.VALUE_STRING) {
				return parse(parser.getString());
			}
			// Objects or arrays are not timestamps: skip them instead of failing the response.
			parser.skipChildren();
			return null;
		}

	}

}
