package io.github.springmailgun.test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The dates of the mock's answers, in the forms Mailgun writes them, and the one reader of the RFC 2822
 * dates requests carry.
 */
final class MockDates {

	// Suppressions and templates: Thu, 11 Dec 2025 01:49:40 UTC.
	private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	// The Logs API's start and end: Thu, 11 Dec 2025 01:49:40 +0000.
	private static final DateTimeFormatter OFFSET = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	// The Logs API's @timestamp: 2025-12-11T01:49:40.123Z.
	private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private MockDates() {
	}

	/** {@code Thu, 11 Dec 2025 01:49:40 UTC}, as on suppressions and templates. */
	static String withZoneName(Instant instant) {
		return ZONE_NAME.format(instant);
	}

	/** {@code Thu, 11 Dec 2025 01:49:40 +0000}, as the Logs API's range. */
	static String withOffset(Instant instant) {
		return OFFSET.format(instant);
	}

	/** {@code Thu, 11 Dec 2025 01:49:40 GMT}, as a domain's {@code created_at}. */
	static String rfc1123(Instant instant) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
	}

	/** {@code 2025-12-11T01:49:40.123Z}, as the Logs API's {@code @timestamp}. */
	static String isoMillis(Instant instant) {
		return ISO_MILLIS.format(instant);
	}

	/**
	 * Reads an RFC 2822 date as Mailgun accepts it, with a numeric offset or the zone name UTC, UT or GMT.
	 * @param name the parameter, for the error
	 * @param text the date
	 * @return the instant
	 * @throws BadRequestException when it is not one
	 */
	static Instant parse(String name, String text) {
		String value = text.trim();
		if (value.endsWith(" UTC") || value.endsWith(" UT")) {
			value = value.substring(0, value.lastIndexOf(' ')) + " GMT";
		}
		try {
			return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value));
		}
		catch (DateTimeParseException ex) {
			throw new BadRequestException("Invalid " + name + ": '" + Texts.abbreviate(text)
					+ "' is not an RFC 2822 date");
		}
	}

}
