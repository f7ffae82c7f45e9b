package io.github.springmailgun;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.testing.LoopbackMailgun;
import io.github.springmailgun.testing.LoopbackMailgun.Recorded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Values that end up in a header line (a part's {@code Content-Type}, a raw parameter Mailgun turns into a
 * mail header) never carry CR, LF or NUL onto the wire; the request shows exactly the headers it should.
 */
class HeaderInjectionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final byte[] CONTENT = "file content".getBytes(StandardCharsets.UTF_8);

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	@AfterEach
	void stop() {
		this.mailgun.close();
	}

	private static MailgunMessage.Builder minimal() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").subject("s").text("t");
	}

	/** A forwarded upload's {@code Content-Type} is enough: a quoted parameter may hold line breaks. */
	@ParameterizedTest
	@ValueSource(strings = { "text/plain; name=\"x\r\nX-Injected: 1\r\n\r\nPREFIX\"",
			"text/plain; name=\"x\nX-Injected: 1\"", "text/plain; name=\"x\rX-Injected: 1\"", "text/plain; name=\"x\u0000\"" })
	void aContentTypeCannotAddPartHeaders(String contentType) {
		assertThatThrownBy(() -> this.mailgun.client()
			.send(minimal().attachment(Attachment.of("report.txt", CONTENT, contentType)).build())
			.block(TIMEOUT)).isInstanceOfSatisfying(MailgunValidationException.class, ex -> {
				assertThat(ex.getParameter()).isEqualTo("attachment");
				assertThat(ex.getMessage()).contains("report.txt");
			});
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void theContentTypeGoesOnTheWireAsParsed() {
		this.mailgun.accept();
		this.mailgun.client()
			.send(minimal().attachment(Attachment.of("report.txt", CONTENT, " Text/Plain ; charset=\"utf-8\" ")).build())
			.block(TIMEOUT);
		Recorded request = this.mailgun.take();
		String body = LoopbackMailgun.body(request.request());
		assertThat(body).contains("; filename=\"report.txt\"\r\nContent-Type: text/plain;charset=\"utf-8\"\r\n\r\nfile content\r\n");
		assertThat(request.parts()).filteredOn(part -> "attachment".equals(part.name()))
			.singleElement()
			.satisfies(part -> assertThat(part.contentType()).isEqualTo("text/plain;charset=\"utf-8\""));
	}

	@Test
	void aMissingOrMalformedContentTypeIsAValidationErrorNamingTheAttachment() {
		assertThatThrownBy(() -> Attachment.of("report.txt", CONTENT, (String) null))
			.isInstanceOfSatisfying(MailgunValidationException.class, ex -> {
				assertThat(ex.getParameter()).isEqualTo("attachment");
				assertThat(ex.getMessage()).contains("report.txt");
			});
		assertThatThrownBy(() -> Attachment.of("report.txt", CONTENT, "not a type"))
			.isInstanceOfSatisfying(MailgunValidationException.class, ex -> {
				assertThat(ex.getParameter()).isEqualTo("attachment");
				assertThat(ex.getMessage()).contains("report.txt", "not a type");
			});
		assertThatThrownBy(() -> Attachment.of("report.txt", CONTENT, "text/"))
			.isInstanceOf(MailgunValidationException.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "h:X-Custom", "subject", "to", "from", "cc", "bcc", "o:tag", "o:future-option", "template",
			"t:version" })
	void rawParametersBoundForHeadersRefuseLineBreaks(String name) {
		for (String value : new String[] { "x\r\nBcc: victim@example.com", "x\nBcc: victim@example.com", "x\rY", "x\u0000y" }) {
			assertThatThrownBy(() -> minimal().parameter(name, value)).as(name)
				.isInstanceOfSatisfying(MailgunValidationException.class, ex -> assertThat(ex.getParameter()).isEqualTo(name));
		}
	}

	@Test
	void rawBodyParametersKeepTheirLineBreaks() {
		this.mailgun.accept();
		this.mailgun.client()
			.send(minimal().parameter("html", "<p>a</p>\r\n<p>b</p>")
				.parameter("v:note", "line 1\nline 2")
				.parameter("t:variables", "{\n\"a\": 1\n}")
				.build())
			.block(TIMEOUT);
		Recorded request = this.mailgun.take();
		assertThat(request.value("html")).isEqualTo("<p>a</p>\r\n<p>b</p>");
		assertThat(request.value("v:note")).isEqualTo("line 1\nline 2");
		assertThat(request.value("t:variables")).isEqualTo("{\n\"a\": 1\n}");
	}

}
