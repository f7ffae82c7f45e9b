package io.github.springmailgun;

import io.github.springmailgun.testing.LoopbackMailgun;
import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.BatchMessage;
import io.github.springmailgun.message.BatchRecipient;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.MimeMessageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each shape rule Mailgun enforces fails fast, names the parameter, and sends nothing.
 */
class MessageValidationTests {

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	@AfterEach
	void stop() {
		this.mailgun.close();
	}

	private static MailgunMessage.Builder valid() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").subject("s").text("t");
	}

	private static void assertRejected(Supplier<?> action, String parameter, String ruleFragment) {
		assertThatThrownBy(action::get).isInstanceOfSatisfying(MailgunValidationException.class, ex -> {
			assertThat(ex.getParameter()).isEqualTo(parameter);
			assertThat(ex.getRule()).containsIgnoringCase(ruleFragment);
			assertThat(ex.getMessage()).contains("'" + parameter + "'");
		});
	}

	@Test
	void sendWithoutRecipientFailsBeforeTheNetwork() {
		MailgunMessage noRecipient = MailgunMessage.builder().from("shop@mg.example.com").text("t").build();
		assertRejected(() -> this.mailgun.client().send(noRecipient).block(), "to", "at least one recipient");
		assertThat(this.mailgun.requestCount()).isZero();
	}

	@Test
	void sendWithoutFromOrTemplateFailsBeforeTheNetwork() {
		MailgunMessage noFrom = MailgunMessage.builder().to("a@example.com").text("t").build();
		assertRejected(() -> this.mailgun.client().send(noFrom).block(), "from", "required");
		assertThat(this.mailgun.requestCount()).isZero();
	}

	@Test
	void templateMayOmitFrom() {
		assertThatNoException().isThrownBy(
				() -> MailgunMessage.builder().to("a@example.com").template("welcome").build().requireSendable());
	}

	@Test
	void messageNeedsABody() {
		assertRejected(() -> MailgunMessage.builder().from("a@mg.example.com").to("b@example.com").build(), "text",
				"at least one of 'text', 'html', 'amp-html' or 'template'");
	}

	@Test
	void htmlAndTemplateAreExclusive() {
		assertRejected(() -> valid().html("<p>x</p>").template("t").build(), "html", "only one of 'html' or 'template'");
	}

	@Test
	void templateOptionsNeedATemplate() {
		assertRejected(() -> valid().templateVersion("v1").build(), "t:version", "requires the 'template'");
		assertRejected(() -> valid().templateText(true).build(), "t:text", "requires the 'template'");
	}

	@Test
	void templateVariablesMustBeAJsonObject() {
		assertRejected(() -> valid().templateVariables("[1,2]"), "t:variables", "JSON object");
		assertRejected(() -> valid().templateVariables("{broken"), "t:variables", "JSON object");
	}

	@Test
	void sendTimeOptimizationWindowIsWholeHoursBetween24And72() {
		assertRejected(() -> valid().deliveryTimeOptimizePeriod(Duration.ofHours(23)), "o:deliverytime-optimize-period", "between 24h and 72h");
		assertRejected(() -> valid().deliveryTimeOptimizePeriod(Duration.ofHours(73)), "o:deliverytime-optimize-period", "between 24h and 72h");
		assertRejected(() -> valid().deliveryTimeOptimizePeriod(Duration.ofMinutes(24 * 60 + 30)), "o:deliverytime-optimize-period", "whole hours");
	}

	@Test
	void deliverWithinIsWholeMinutesBetween5mAnd24h() {
		assertRejected(() -> valid().deliverWithin(Duration.ofMinutes(4)), "o:deliver-within", "between 5m and 24h");
		assertRejected(() -> valid().deliverWithin(Duration.ofHours(25)), "o:deliver-within", "between 5m and 24h");
		assertRejected(() -> valid().deliverWithin(Duration.ofSeconds(301)), "o:deliver-within", "whole minutes");
	}

	@Test
	void timeZoneLocalizeHasNoSeconds() {
		assertRejected(() -> valid().timeZoneLocalize(LocalTime.of(9, 0, 30)), "o:time-zone-localize", "whole minutes");
	}

	@Test
	void recipientVariablesAreLimitedTo1000Recipients() {
		Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
		for (int i = 0; i < 1001; i++) {
			variables.put("user" + i + "@example.com", Map.of("i", i));
		}
		assertRejected(() -> valid().recipientVariables(variables).build(), "recipient-variables", "at most 1000");

		MailgunMessage.Builder many = MailgunMessage.builder().from("a@mg.example.com").text("t")
			.recipientVariables(Map.of("a@example.com", Map.of()));
		for (int i = 0; i < 1001; i++) {
			many.to("user" + i + "@example.com");
		}
		assertRejected(many::build, "to", "1001 recipients");
	}

	@Test
	void sendOptionsAreLimitedTo16KilobytesTogether() {
		MailgunMessage.Builder builder = valid();
		for (int i = 0; i < 17; i++) {
			builder.variable("v" + i, "x".repeat(1000));
		}
		assertRejected(builder::build, "o:/h:/v:/t:", "16 KB");
		assertThatNoException().isThrownBy(() -> valid().variable("big", "x".repeat(15000)).build());
	}

	@ParameterizedTest
	@ValueSource(strings = { "plainaddress", "@example.com", "user@", "user@localhost", "user name@example.com",
			"user@exa mple.com", "user@-example.com", "user@example..com", "a@b@c", "Name <user@example.com",
			"user@example.com>", ".user@example.com", "user..x@example.com", "\"Unbalanced <u@example.com>" })
	void malformedAddressesAreRejected(String address) {
		assertRejected(() -> valid().to(address), "to", "not a valid email address");
	}

	@ParameterizedTest
	@ValueSource(strings = { "user@example.com", "Name <user@example.com>", "\"Last, First\" <user@example.com>",
			"user+tag@sub.example.co.uk", "a@example.com, b@example.com", "José <jose@bücher.example>",
			"\"quoted local\"@example.com" })
	void wellFormedAddressesAreAccepted(String address) {
		assertThatNoException().isThrownBy(() -> valid().to(address).build());
	}

	@Test
	void fromIsASingleAddress() {
		assertRejected(() -> valid().from("a@example.com, b@example.com"), "from", "single address");
	}

	@Test
	void lineBreaksCannotInjectHeaders() {
		assertRejected(() -> valid().subject("Hi\r\nBcc: victim@example.com"), "subject", "CR, LF");
		assertRejected(() -> valid().header("X-A", "v\nBcc: x@example.com"), "h:X-A", "CR, LF");
		assertRejected(() -> valid().header("X-A\r\nBcc", "v"), "h:", "letters, digits");
		assertRejected(() -> valid().header("X-\"A\"", "v"), "h:", "no spaces, quotes");
		assertRejected(() -> valid().tag("t\r\n"), "o:tag", "CR, LF");
		assertRejected(() -> valid().to("a@example.com\r\nBcc: x@example.com"), "to", "CR, LF");
		assertRejected(() -> valid().variable("name:x", "v"), "v:", "letters, digits");
		assertRejected(() -> Attachment.of("a.txt\r\nContent-Type: text/html", new byte[0]), "attachment", "CR, LF");
	}

	@Test
	void optionFormatsAreChecked() {
		assertRejected(() -> valid().secondaryDkim("example.com"), "o:secondary-dkim", "signing_domain/selector");
		assertRejected(() -> valid().secondaryDkimPublic("p.example.com/s1").build(), "o:secondary-dkim-public",
				"requires 'o:secondary-dkim'");
		assertRejected(() -> valid().archiveTo("ftp://example.com/x"), "o:archive-to", "http(s) URL");
		assertRejected(() -> valid().sendingIp("not an ip"), "o:sending-ip", "IPv4 or IPv6");
		assertRejected(() -> valid().suppressHeaders(), "o:suppress-headers", "at least one");
		assertRejected(() -> valid().parameter("bad name", "x"), "parameter", "without spaces");
	}

	@Test
	void mimeRequestNeedsRecipientsAndMime() {
		assertRejected(() -> MimeMessageRequest.builder().message(new byte[] { 1 }).build(), "to", "at least one recipient");
		assertRejected(() -> MimeMessageRequest.builder().to("a@example.com").build(), "message", "required");
	}

	@Test
	void batchRejectsBadRecipientsBeforeSendingAnything() {
		MailgunMessage base = MailgunMessage.builder().from("a@mg.example.com").subject("s").text("t").build();
		assertRejected(() -> BatchMessage.of(base).recipient(BatchRecipient.of("broken")).build(), "to", "not a valid");
		assertRejected(() -> BatchMessage.of(base).build(), "to", "at least one recipient");
		assertRejected(() -> BatchMessage.of(base).chunkSize(1001), "recipient-variables", "between 1 and 1000");
		assertThat(this.mailgun.requestCount()).isZero();
	}

	@Test
	void nullsAreValidationErrorsNotNullPointerExceptions() {
		assertRejected(() -> valid().subject(null), "subject", "must not be null");
		assertRejected(() -> valid().to((String) null), "to", "must not be null");
		assertRejected(() -> valid().header("X-A", null), "h:X-A", "must not be null");
		assertRejected(() -> valid().variable("v", null), "v:v", "must not be null");
		assertRejected(() -> valid().deliveryTime((java.time.Instant) null), "o:deliverytime", "must not be null");
		assertRejected(() -> this.mailgun.client().send(null).block(), "message", "must not be null");
	}

}
