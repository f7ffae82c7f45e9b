package io.github.springmailgun.inbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 2047 decoding of header values as real mailers write them.
 */
class EncodedWordsTests {

	@Test
	void gmailWritesOneBase64WordInUtf8() {
		assertThat(new InboundHeader("Subject", "=?UTF-8?B?UmU6IMOJY2hhbmdlIGRlIGxhIGNvbW1hbmRlIOKEljQyIPCfmoA=?=")
			.decodedValue()).isEqualTo("Re: Échange de la commande №42 🚀");
	}

	@Test
	void outlookWritesQuotedPrintableInLatin1WithUnderscoresForSpaces() {
		assertThat(EncodedWords.decode("=?iso-8859-1?Q?R=E9union_de_l'=E9quipe?=")).isEqualTo("Réunion de l'équipe");
	}

	@Test
	void aDisplayNameIsDecodedAndTheAddressKept() {
		assertThat(EncodedWords.decode("=?utf-8?Q?Jos=C3=A9_Garc=C3=ADa?= <jose@example.com>"))
			.isEqualTo("José García <jose@example.com>");
	}

	@Test
	void foldedAdjacentWordsLoseTheirWhitespaceAndACharacterSplitAcrossThemIsJoined() {
		// The bytes of "É" are split between the two words, as some mailers split long subjects.
		assertThat(EncodedWords.decode("=?UTF-8?B?UmU6IMM=?=\r\n =?UTF-8?B?iWNoYW5nZSBkZSBsYSBjb21tYW5kZSDihJY0MiDwn5qA?="))
			.isEqualTo("Re: Échange de la commande №42 🚀");
	}

	@Test
	void adjacentWordsInDifferentCharsetsAreDecodedEachInItsOwn() {
		assertThat(EncodedWords.decode("=?iso-8859-1?Q?caf=E9?= =?UTF-8?Q?_cr=C3=A8me?=")).isEqualTo("café crème");
	}

	@Test
	void textAroundWordsIsKeptWithItsSpaces() {
		assertThat(EncodedWords.decode("Re: =?utf-8?q?caf=C3=A9?= and =?utf-8?q?th=C3=A9?= today"))
			.isEqualTo("Re: café and thé today");
	}

	@Test
	void statefulCharsetsAndLanguageSuffixesDecode() {
		assertThat(EncodedWords.decode("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=")).isEqualTo("日本語");
		assertThat(EncodedWords.decode("=?UTF-8*fr?Q?=C3=A9t=C3=A9?=")).isEqualTo("été");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "=?x-unknown-charset?Q?abc?=", "=?not a charset?Q?abc?=", "=?UTF-8?B?%%%?=",
			"=?UTF-8?Q?truncated=C?=", "=?UTF-8?X?abc?=", "=?UTF-8?Q?abc", "plain text, no words",
			"a =?? b", "price =?=" })
	void whatDoesNotDecodeIsLeftAsWritten(String value) {
		assertThat(EncodedWords.decode(value)).isEqualTo(value);
	}

	@Test
	void aWordThatDoesNotDecodeKeepsTheSpaceBeforeItAndTheOthersAreDecoded() {
		assertThat(EncodedWords.decode("=?UTF-8?Q?caf=C3=A9?= =?x-unknown?Q?abc?= =?UTF-8?Q?th=C3=A9?="))
			.isEqualTo("café =?x-unknown?Q?abc?= thé");
	}

}
