package io.github.springmailgun.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;

/**
 * Reads the dates Mailgun writes and writes the ones it reads. Mailgun is not consistent: suppressions
 * use RFC 1123 dates with zone names ({@code Fri, 21 Oct 2011 11:02:55 UTC}), analytics use numeric
 * offsets ({@code -0600}, {@code -0000}), logs use ISO 8601, events use fractional epoch seconds, and
 * Go-formatted values ({@code 2023-01-02 02:14:27 +0000 UTC}) appear in places. All of them parse here.
 */
public final class MailgunDates {

	/** What Mailgun documents for dates it reads: RFC 2822 with a numeric offset. */
	private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
			Locale.ENGLISH);

	/** RFC 822's zone names, which are fixed offsets (unlike the JDK's, where PST follows daylight saving). */
	private static final Map<String, ZoneOffset> ZONE_NAMES = Map.ofEntries(Map.entry("UT", ZoneOffset.UTC),
			Map.entry("UTC", ZoneOffset.UTC), Map.entry("GMT", ZoneOffset.UTC), Map.entry("Z", ZoneOffset.UTC),
			Map.entry("EST", ZoneOffset.ofHours(-5)), Map.entry("EDT", ZoneOffset.ofHours(-4)),
			Map.entry("CST", ZoneOffset.ofHours(-6)), Map.entry("CDT", ZoneOffset.ofHours(-5)),
			Map.entry("MST", ZoneOffset.ofHours(-7)), Map.entry("MDT", ZoneOffset.ofHours(-6)),
			Map.entry("PST", ZoneOffset.ofHours(-8)), Map.entry("PDT", ZoneOffset.ofHours(-7)));

	private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
			"oct", "nov", "dec");

	private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

	/** A number as Mailgun writes epoch seconds: digits with at most one point, no exponent. */
	private static final Pattern EPOCH_SECONDS = Pattern.compile("-?(?:\\d+\\.?\\d*|\\.\\d+)");

	/** Digits before the point of the largest epoch second an {@link Instant} holds (31556889864403199). */
	private static final int MAX_EPOCH_SECOND_DIGITS = 17;

	private MailgunDates() {
	}

	/**
	 * Parses a date in any of the forms Mailgun writes.
	 * @param text the date, for example {@code Fri, 21 Oct 2011 11:02:55 UTC} or {@code 1529704976.104692}
	 * @return the instant
	 * @throws IllegalArgumentException when the text is not a date in a known form
	 */
	public static Instant parse(String text) {
		String value = withoutComments(text).trim();
		try {
			if (EPOCH_SECONDS.matcher(value).matches()) {
				return Optional.ofNullable(epochSeconds(new BigDecimal(value))).orElseThrow(() -> invalid(text, null));
			}
			if (value.length() >= 10 && Character.isDigit(value.charAt(0)) && value.charAt(4) == '-') {
				return isoLike(value);
			}
			return rfc2822(value);
		}
		catch (DateTimeException | ArithmeticException | IllegalArgumentException ex) {
			throw invalid(text, ex);
		}
	}

	/**
	 * Formats an instant as RFC 2822 in UTC, the form Mailgun documents for the dates it reads.
	 * @param instant the instant
	 * @return for example {@code Thu, 11 Dec 2025 01:49:40 +0000}
	 */
	public static String format(Instant instant) {
		return RFC_2822.format(instant.atOffset(ZoneOffset.UTC));
	}

	/**
	 * Formats a date-time as RFC 2822 with its own offset ({@code o:deliverytime}, a {@code Date} header).
	 * @param time the date-time
	 * @return for example {@code Wed, 01 Jul 2026 09:30:00 +0200}
	 */
	public static String format(ZonedDateTime time) {
		return RFC_2822.format(time);
	}

	/**
	 * Formats an instant as epoch seconds, with a fraction only when it has one.
	 * @param instant the instant
	 * @return for example {@code 1529704976} or {@code 1529704976.5}
	 */
	public static String epochSeconds(Instant instant) {
		BigDecimal seconds = BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
		return seconds.stripTrailingZeros().toPlainString();
	}

	/**
	 * Reads epoch seconds with a fraction, such as {@code 1529692198.641821}, which Mailgun writes in
	 * events and webhooks.
	 * @param seconds the seconds since the epoch
	 * @return the instant, or {@code null} when no {@link Instant} holds it
	 */
	public static @Nullable Instant epochSeconds(BigDecimal seconds) {
		// Judge the magnitude from precision and scale before any arithmetic: setScale or subtract
		// expand 1e9999999 (nine bytes of an unverified webhook body) into its ten million digits, which
		// takes BigDecimal 15 to 40 seconds of CPU.
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
		try {
			BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
			int nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.DOWN).intValueExact();
			return Instant.ofEpochSecond(whole.longValueExact(), nanos);
		}
		catch (ArithmeticException | DateTimeException ex) {
			return null;
		}
	}

	/** ISO 8601 ({@code 2024-07-08T16:30:18.530Z}) or Go's default ({@code 2023-01-02 02:14:27 +0000 UTC}). */
	private static Instant isoLike(String value) {
		if (value.length() > 10 && (value.charAt(10) == 'T' || value.charAt(10) == 't')) {
			// The offset or zone in the text wins; UTC only stands in for a missing one.
			return Instant.from(DateTimeFormatter.ISO_DATE_TIME.withZone(ZoneOffset.UTC).parse(value));
		}
		String[] tokens = value.split("\\s+");
		LocalDate date = LocalDate.parse(tokens[0]);
		if (tokens.length == 1) {
			return date.atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		LocalTime time = LocalTime.parse(tokens[1]);
		ZoneId zone = zone(tokens, 2);
		return ZonedDateTime.of(date, time, zone).toInstant();
	}

	/** RFC 2822 and its obsolete forms: optional day name, zone names, two-digit years, optional seconds. */
	private static Instant rfc2822(String value) {
		String rest = value;
		int comma = rest.indexOf(',');
		if (comma >= 0) {
			rest = rest.substring(comma + 1);
		}
		String[] tokens = rest.trim().split("\\s+");
		boolean dayName = tokens[0].length() >= 3 && DAYS.contains(tokens[0].substring(0, 3).toLowerCase(Locale.ROOT));
		int first = dayName ? 1 : 0;
		if (tokens.length - first < 4) {
			throw new IllegalArgumentException("expected day, month, year and time");
		}
		int day = Integer.parseInt(tokens[first]);
		int month = month(tokens[first + 1]);
		int year = year(tokens[first + 2]);
		String clock = tokens[first + 3];
		// ISO times need two-digit hours; RFC 2822 writers usually pad, but "9:05:00" is seen in the wild.
		LocalTime time = LocalTime.parse((clock.indexOf(':') == 1) ? "0" + clock : clock);
		ZoneId zone = zone(tokens, first + 4);
		return ZonedDateTime.of(LocalDate.of(year, month, day), time, zone).toInstant();
	}

	private static int month(String token) {
		int index = (token.length() >= 3) ? MONTHS.indexOf(token.substring(0, 3).toLowerCase(Locale.ROOT)) : -1;
		if (index < 0) {
			throw new IllegalArgumentException("unknown month '" + token + "'");
		}
		return index + 1;
	}

	private static int year(String token) {
		int year = Integer.parseInt(token);
		// RFC 2822 section 4.3: two-digit years 00-49 are 20xx, 50-99 and three-digit years are 19xx.
		if (token.length() == 2) {
			return (year < 50) ? 2000 + year : 1900 + year;
		}
		if (token.length() == 3) {
			return 1900 + year;
		}
		return year;
	}

	/** The zone from the first remaining token; a numeric offset wins over a name that follows it. */
	private static ZoneId zone(String[] tokens, int from) {
		if (tokens.length <= from) {
			// RFC 2822 reads a missing zone as unknown; Mailgun's servers write UTC.
			return ZoneOffset.UTC;
		}
		String token = tokens[from];
		char first = token.charAt(0);
		if (first == '+' || first == '-') {
			return ZoneOffset.of(token);
		}
		ZoneOffset named = ZONE_NAMES.get(token.toUpperCase(Locale.ROOT));
		return (named != null) ? named : ZoneId.of(token, ZoneId.SHORT_IDS);
	}

	private static String withoutComments(String text) {
		if (text.indexOf('(') < 0) {
			return text;
		}
		// RFC 2822 allows comments such as "+0000 (UTC)".
		return text.replaceAll("\\([^)]*\\)", " ");
	}

	private static IllegalArgumentException invalid(String text, @Nullable Exception cause) {
		return new IllegalArgumentException("'" + text + "' is not a date in a form Mailgun writes", cause);
	}

	/**
	 * Binds an {@link Instant} from any date form {@link MailgunDates#parse(String)} reads, or from a
	 * JSON number of epoch seconds. An empty string, or a date in a form Mailgun may add later, binds to
	 * {@code null}: one odd timestamp must not make a whole response unreadable.
	 */
	public static final class InstantDeserializer extends ValueDeserializer<@Nullable Instant> {

		@Override
		public @Nullable Instant deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
				return epochSeconds(parser.getDecimalValue());
			}
			if (token == JsonToken.VALUE_STRING) {
				try {
					return parse(parser.getString());
				}
				catch (IllegalArgumentException ex) {
					return null;
				}
			}
			return (Instant) context.handleUnexpectedToken(Instant.class, parser);
		}

	}

	/**
	 * Writes an {@link Instant} as {@link MailgunDates#format(Instant) RFC 2822}, the form Mailgun reads.
	 */
	public static final class Rfc2822Serializer extends ValueSerializer<Instant> {

		@Override
		public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(format(value));
		}

	}

	/**
	 * Writes an {@link Instant} as {@link MailgunDates#epochSeconds(Instant) epoch seconds} in a string,
	 * the form of the Events API's query.
	 */
	public static final class EpochSecondsSerializer extends ValueSerializer<Instant> {

		@Override
		public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(epochSeconds(value));
		}

	}

}
