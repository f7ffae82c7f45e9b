package io.github.springmailgun.internal;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.annotation.JsonDeserialize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MailgunDates}.
 */
class MailgunDatesTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"Thu, 13 Oct 2011 18:02:00 UTC | 2011-10-13T18:02:00Z",
			"Thu, 13 Oct 2011 18:02:00 GMT | 2011-10-13T18:02:00Z",
			"Mon, 02 Jan 2006 15:04:05 MST | 2006-01-02T22:04:05Z",
			"Mon, 02 Jan 2006 15:04:05 PDT | 2006-01-02T22:04:05Z",
			"Fri, 14 Oct 2011 12:00:00 +0000 | 2011-10-14T12:00:00Z",
			"Fri, 14 Oct 2011 12:00:00 -0230 | 2011-10-14T14:30:00Z",
			"Fri, 14 Oct 2011 12:00:00 +02:00 | 2011-10-14T10:00:00Z",
			"14 Oct 2011 12:00:00 utc | 2011-10-14T12:00:00Z",
			"Sat, 5 Nov 1955 06:38 UTC | 1955-11-05T06:38:00Z",
			"Fri, 21 Mar 2025 15:00:44.250 UTC | 2025-03-21T15:00:44.250Z",
			"2025-03-21T15:00:44Z | 2025-03-21T15:00:44Z",
			"2025-03-21T17:00:44+02:00 | 2025-03-21T15:00:44Z",
			"2025-03-21T15:00:44 | 2025-03-21T15:00:44Z",
			"1529006854 | 2018-06-14T20:07:34Z",
			"1529006854.25 | 2018-06-14T20:07:34.250Z" })
	void parsesMailgunsTimestamps(String text, String expected) {
		assertThat(MailgunDates.parse(text)).isEqualTo(Instant.parse(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  ", "yesterday", "Thu, 13 Foo 2011 18:02:00 UTC", "Thu, 32 Oct 2011 18:02:00 UTC",
			"Thu, 13 Oct 2011 18:02:00 XYZ" })
	void readsWhatIsNotATimestampAsNull(String text) {
		assertThat(MailgunDates.parse(text)).isNull();
	}

	@Test
	void deserializerReadsTextNumbersAndSkipsAnythingElse() {
		assertThat(read("{\"at\": \"Thu, 13 Oct 2011 18:02:00 UTC\"}").at())
			.isEqualTo(Instant.parse("2011-10-13T18:02:00Z"));
		assertThat(read("{\"at\": 1529006854}").at()).isEqualTo(Instant.parse("2018-06-14T20:07:34Z"));
		assertThat(read("{\"at\": 1529006854.5}").at()).isEqualTo(Instant.parse("2018-06-14T20:07:34.500Z"));
		Stamp skipped = read("{\"at\": {\"nested\": [1, 2]}, \"after\": \"kept\"}");
		assertThat(skipped.at()).isNull();
		assertThat(skipped.after()).isEqualTo("kept");
		assertThat(read("{\"at\": \"not a date\"}").at()).isNull();
	}

	private static Stamp read(String json) {
		return Json.mapper().readValue(json, Stamp.class);
	}

	record Stamp(@JsonProperty("at") @JsonDeserialize(using = MailgunDates.InstantDeserializer.class) Instant at,
			@JsonProperty("after") String after) {
	}

}
