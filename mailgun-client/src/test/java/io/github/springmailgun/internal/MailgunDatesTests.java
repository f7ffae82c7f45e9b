package io.github.springmailgun.internal;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.annotation.JsonDeserialize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The date forms Mailgun writes, each read to the right instant.
 */
class MailgunDatesTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			Fri, 21 Oct 2011 11:02:55 UTC            | 2011-10-21T11:02:55Z
			Fri, 21 Oct 2011 11:02:55 GMT            | 2011-10-21T11:02:55Z
			Fri, 21 Oct 2011 11:02:55 UT             | 2011-10-21T11:02:55Z
			Fri, 21 Oct 2011 11:02:55 MST            | 2011-10-21T18:02:55Z
			Fri, 21 Oct 2011 11:02:55 PST            | 2011-10-21T19:02:55Z
			Fri, 21 Oct 2011 11:02:55 EDT            | 2011-10-21T15:02:55Z
			Fri, 21 Oct 2011 11:02:55 Z              | 2011-10-21T11:02:55Z
			Mon, 13 Nov 2023 20:56:50 -0600          | 2023-11-14T02:56:50Z
			Mon, 08 Jul 2024 00:00:00 -0000          | 2024-07-08T00:00:00Z
			Wed, 01 Nov 2023 00:00:00 +0000          | 2023-11-01T00:00:00Z
			Thu, 11 Dec 2025 01:49:40 +05:30         | 2025-12-10T20:19:40Z
			Thu, 11 Dec 2025 01:49:40 +0000 (UTC)    | 2025-12-11T01:49:40Z
			Fri, 1 Apr 2012 00:00:00 UTC             | 2012-04-01T00:00:00Z
			21 Oct 2011 11:02:55 UTC                 | 2011-10-21T11:02:55Z
			Fri 21 Oct 2011 11:02:55 UTC             | 2011-10-21T11:02:55Z
			Fri, 21 Oct 11 11:02:55 UTC              | 2011-10-21T11:02:55Z
			Fri, 21 Oct 2011 11:02 UTC               | 2011-10-21T11:02:00Z
			Fri, 21 Oct 2011 9:02:55 UTC             | 2011-10-21T09:02:55Z
			Fri, 21 Oct 2011 11:02:55                | 2011-10-21T11:02:55Z
			friday, 21 october 2011 11:02:55 utc     | 2011-10-21T11:02:55Z
			Fri, 21 Oct 2011 11:02:55 Europe/Berlin  | 2011-10-21T09:02:55Z
			Mon, 01 Jan 0001 00:00:00 UTC            | 0001-01-01T00:00:00Z
			2024-07-08T16:30:18.530Z                 | 2024-07-08T16:30:18.530Z
			2024-07-08T16:30:18+02:00                | 2024-07-08T14:30:18Z
			2024-07-08T16:30:18                      | 2024-07-08T16:30:18Z
			2023-01-02 02:14:27 +0000 UTC            | 2023-01-02T02:14:27Z
			2023-01-02 02:14:27 -0700 MST            | 2023-01-02T09:14:27Z
			2023-01-02                               | 2023-01-02T00:00:00Z
			1529704976.104692                        | 2018-06-22T22:02:56.104692Z
			1529704976                               | 2018-06-22T22:02:56Z
			""")
	void parsesEveryFormMailgunWrites(String text, String expected) {
		assertThat(MailgunDates.parse(text)).isEqualTo(Instant.parse(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "yesterday", "Fri, 32 Oct 2011 11:02:55 UTC", "Fri, 21 Foo 2011 11:02:55 UTC",
			"Fri, 21 Oct 2011 25:02:55 UTC", "Fri, 21 Oct 2011 11:02:55 NOWHERE", "12.34.56" })
	void refusesWhatIsNoDate(String text) {
		assertThatThrownBy(() -> MailgunDates.parse(text)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'" + text + "'");
	}

	@Test
	void formatsRfc2822InUtc() {
		assertThat(MailgunDates.format(Instant.parse("2025-12-11T01:49:40.999Z")))
			.isEqualTo("Thu, 11 Dec 2025 01:49:40 +0000");
		assertThat(MailgunDates.parse(MailgunDates.format(Instant.parse("2011-10-21T11:02:55Z"))))
			.isEqualTo(Instant.parse("2011-10-21T11:02:55Z"));
	}

	@Test
	void formatsEpochSecondsWithAFractionOnlyWhenThereIsOne() {
		assertThat(MailgunDates.epochSeconds(Instant.parse("2018-06-22T22:02:56Z"))).isEqualTo("1529704976");
		assertThat(MailgunDates.epochSeconds(Instant.parse("2018-06-22T22:02:56.5Z"))).isEqualTo("1529704976.5");
	}

	@Test
	void bindsStringsNumbersAndEmptyStrings() {
		Dated fromString = Json.mapper().readValue("{\"at\":\"Fri, 21 Oct 2011 11:02:55 MST\"}", Dated.class);
		Dated fromNumber = Json.mapper().readValue("{\"at\":1529704976.5}", Dated.class);
		Dated fromEmpty = Json.mapper().readValue("{\"at\":\"\"}", Dated.class);
		assertThat(fromString.at()).isEqualTo(Instant.parse("2011-10-21T18:02:55Z"));
		assertThat(fromNumber.at()).isEqualTo(Instant.parse("2018-06-22T22:02:56.5Z"));
		assertThat(fromEmpty.at()).isNull();
		assertThat(Json.mapper().readValue("{\"at\":\"soon\"}", Dated.class).at()).isNull();
	}

	record Dated(@JsonProperty("at") @JsonDeserialize(using = MailgunDates.InstantDeserializer.class) Instant at) {
	}

}
