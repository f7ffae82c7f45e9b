package io.github.springmailgun.mail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import io.github.springmailgun.BlockingMailgunOperations;
import io.github.springmailgun.testing.LoopbackMailgun;
import io.github.springmailgun.testing.LoopbackMailgun.Recorded;
import io.github.springmailgun.error.MailgunBadRequestException;
import io.github.springmailgun.error.MailgunException;
import io.github.springmailgun.error.MailgunServerException;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spring mail code sends through Mailgun; what arrives is parsed with an independent MIME parser.
 */
class MailgunJavaMailSenderTests {

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	private final MailgunJavaMailSender sender = new MailgunJavaMailSender(
			new BlockingMailgunOperations(this.mailgun.client(), Duration.ofSeconds(10)));

	@AfterEach
	void stop() {
		this.mailgun.close();
	}

	private static MimeMessage parse(Recorded request) throws Exception {
		byte[] mime = request.files("message").get(0).bytes();
		return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mime));
	}

	@Test
	void mimeMessageHelperMessageArrivesWholeWithBccOnlyInTheEnvelope() throws Exception {
		this.mailgun.accept();
		MimeMessage message = this.sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom("shop@mg.example.com", "Zoë's Shop");
		helper.setTo(new InternetAddress("alice@example.com", "Alice Ünïcode", "UTF-8"));
		helper.setCc("carol@example.com");
		helper.setBcc("secret@example.com");
		helper.setReplyTo("support@example.com");
		helper.setSubject("Grüße — your order ✓");
		helper.setText("plain body", "<p>html body <img src='cid:logo'></p>");
		helper.addInline("logo", new ByteArrayResource(new byte[] { (byte) 0x89, 'P', 'N', 'G' }), "image/png");
		helper.addAttachment("invoice.pdf", new ByteArrayResource(new byte[] { '%', 'P', 'D', 'F' }), "application/pdf");
		message.setHeader("X-Mailgun-Tag", "orders");
		message.setHeader("X-Mailgun-Variables", "{\"order\":42}");

		this.sender.send(message);

		Recorded request = this.mailgun.take();
		assertThat(request.path()).isEqualTo("/v3/mg.example.com/messages.mime");
		assertThat(request.values("to")).containsExactly("alice@example.com", "carol@example.com", "secret@example.com");
		MimeMessage arrived = parse(request);
		assertThat(arrived.getHeader("Bcc")).isNull();
		assertThat(new String(request.files("message").get(0).bytes(), StandardCharsets.UTF_8)).doesNotContain("secret@example.com");
		assertThat(arrived.getSubject()).isEqualTo("Grüße — your order ✓");
		assertThat(((InternetAddress) arrived.getFrom()[0]).getPersonal()).isEqualTo("Zoë's Shop");
		assertThat(((InternetAddress) arrived.getRecipients(RecipientType.TO)[0]).getPersonal()).isEqualTo("Alice Ünïcode");
		assertThat(arrived.getRecipients(RecipientType.CC)).extracting(Object::toString).containsExactly("carol@example.com");
		assertThat(arrived.getHeader("Reply-To")[0]).isEqualTo("support@example.com");
		assertThat(arrived.getHeader("X-Mailgun-Tag")[0]).isEqualTo("orders");
		assertThat(arrived.getHeader("X-Mailgun-Variables")[0]).isEqualTo("{\"order\":42}");

		MimeMultipart mixed = (MimeMultipart) arrived.getContent();
		assertThat(mixed.getContentType()).startsWith("multipart/mixed");
		MimeMultipart related = (MimeMultipart) mixed.getBodyPart(0).getContent();
		assertThat(related.getContentType()).startsWith("multipart/related");
		MimeMultipart alternative = (MimeMultipart) related.getBodyPart(0).getContent();
		assertThat(alternative.getContentType()).startsWith("multipart/alternative");
		assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("plain body");
		assertThat((String) alternative.getBodyPart(1).getContent()).contains("html body");
		BodyPart inline = related.getBodyPart(1);
		assertThat(inline.getHeader("Content-ID")[0]).isEqualTo("<logo>");
		assertThat(inline.getDisposition()).isEqualTo("inline");
		BodyPart attachment = mixed.getBodyPart(1);
		assertThat(attachment.getFileName()).isEqualTo("invoice.pdf");
		assertThat(attachment.getInputStream().readAllBytes()).containsExactly('%', 'P', 'D', 'F');

		assertThat(message.getHeader("Message-ID")[0]).isEqualTo("<20261128.1.ABC@mg.example.com>");
		assertThat(message.getRecipients(RecipientType.BCC)).hasSize(1);
	}

	@Test
	void unicodeAttachmentNamesSurvive() throws Exception {
		this.mailgun.accept();
		MimeMessage message = this.sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom("shop@mg.example.com");
		helper.setTo("alice@example.com");
		helper.setSubject("s");
		helper.setText("t");
		helper.addAttachment("résumé 履歴書.txt", new ByteArrayResource("cv".getBytes(StandardCharsets.UTF_8)));
		this.sender.send(message);

		MimeMultipart mixed = (MimeMultipart) parse(this.mailgun.take()).getContent();
		assertThat(MimeUtility.decodeText(mixed.getBodyPart(1).getFileName())).isEqualTo("résumé 履歴書.txt");
	}

	@Test
	void simpleMailMessageGoesToTheMessagesEndpoint() {
		this.mailgun.accept();
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom("shop@mg.example.com");
		message.setTo("a@example.com", "b@example.com");
		message.setCc("c@example.com");
		message.setBcc("d@example.com");
		message.setReplyTo("support@example.com");
		message.setSubject("Hello");
		message.setText("Body");
		message.setSentDate(new Date(0));
		this.sender.send(message);

		Recorded request = this.mailgun.take();
		assertThat(request.path()).isEqualTo("/v3/mg.example.com/messages");
		assertThat(request.value("from")).isEqualTo("shop@mg.example.com");
		assertThat(request.values("to")).containsExactly("a@example.com", "b@example.com");
		assertThat(request.value("cc")).isEqualTo("c@example.com");
		assertThat(request.value("bcc")).isEqualTo("d@example.com");
		assertThat(request.value("h:Reply-To")).isEqualTo("support@example.com");
		assertThat(request.value("h:Date")).matches("Thu, 01 Jan 1970 \\d\\d:00:00 [+-]\\d{4}");
		assertThat(request.value("subject")).isEqualTo("Hello");
		assertThat(request.value("text")).isEqualTo("Body");
	}

	@Test
	void everyMessageIsAttemptedAndOnlyFailuresAreReported() {
		this.mailgun.accept().respond(400, "{\"message\":\"bad\"}").accept();
		SimpleMailMessage first = simple("a@example.com");
		SimpleMailMessage second = simple("b@example.com");
		SimpleMailMessage third = simple("c@example.com");

		assertThatThrownBy(() -> this.sender.send(first, second, third))
			.isInstanceOfSatisfying(MailSendException.class, ex -> {
				assertThat(ex.getFailedMessages()).containsOnlyKeys(second);
				assertThat(ex.getFailedMessages().get(second)).isInstanceOf(MailgunBadRequestException.class);
			});
		assertThat(this.mailgun.requestCount()).isEqualTo(3);
	}

	@Test
	void sendsThatMayHaveBeenAcceptedAreReportedApartFromFailures() {
		this.mailgun.accept();
		// A 2xx cut off: Mailgun answered, so it accepted the message, but the id never arrived.
		this.mailgun.respond(200, "{\"id\":\"<1@mg.exa");
		this.mailgun.respond(400, "{\"message\":\"bad\"}");
		// The connection drops once the request was read: Mailgun may have queued the message.
		this.mailgun.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
		this.mailgun.respond(500, "{\"message\":\"internal error\"}");
		SimpleMailMessage[] messages = { simple("a@example.com"), simple("b@example.com"), simple("c@example.com"),
				simple("d@example.com"), simple("e@example.com") };

		assertThatThrownBy(() -> this.sender.send(messages))
			.isInstanceOfSatisfying(MailgunMailSendException.class, ex -> {
				// What generic retry code resends: only the message Mailgun refused.
				assertThat(ex.getFailedMessages()).containsOnlyKeys(messages[2]);
				assertThat(ex.getFailedMessages().get(messages[2])).isInstanceOf(MailgunBadRequestException.class);
				assertThat(ex.getOutcomeUnknownMessages()).containsOnlyKeys(messages[1], messages[3], messages[4]);
				assertThat(ex.getOutcomeUnknownMessages().values())
					.allSatisfy(failure -> assertThat(((MailgunException) failure).isOutcomeUnknown()).isTrue());
				assertThat(ex.getMessage()).contains("1 message failed", "3 messages may have been accepted");
			});
		assertThat(this.mailgun.requestCount()).isEqualTo(5);
	}

	@Test
	void aSingleSendThatMayHaveBeenAcceptedIsNotAFailedMessage() {
		this.mailgun.respond(503, "{\"message\":\"unavailable\"}");
		SimpleMailMessage message = simple("a@example.com");

		assertThatThrownBy(() -> this.sender.send(message)).isInstanceOfSatisfying(MailgunMailSendException.class, ex -> {
			assertThat(ex.getFailedMessages()).isEmpty();
			assertThat(ex.getOutcomeUnknownMessages()).containsOnlyKeys(message);
			assertThat(ex.getCause()).isInstanceOf(MailgunServerException.class);
		});
	}

	@Test
	void refusedKeyIsAnAuthenticationFailure() {
		this.mailgun.respond(401, "Forbidden", "Content-Type", "text/plain");
		assertThatThrownBy(() -> this.sender.send(simple("a@example.com"))).isInstanceOf(MailAuthenticationException.class)
			.hasMessageNotContaining(LoopbackMailgun.API_KEY);
	}

	@Test
	void badAddressIsAParseFailureAndNothingIsSent() {
		SimpleMailMessage bad = simple("not-an-address");
		assertThatThrownBy(() -> this.sender.send(simple("a@example.com"), bad)).isInstanceOf(MailParseException.class)
			.hasMessageContaining("'to'");
		assertThat(this.mailgun.requestCount()).isZero();
	}

	@Test
	void mimeMessageWithoutRecipientsIsAPreparationFailure() throws Exception {
		MimeMessage message = this.sender.createMimeMessage();
		message.setFrom("shop@mg.example.com");
		message.setText("t");
		assertThatThrownBy(() -> this.sender.send(message)).isInstanceOf(MailPreparationException.class)
			.hasMessageContaining("recipient");
		assertThat(this.mailgun.requestCount()).isZero();
	}

	@Test
	void refusesToBlockAnEventLoopThread() {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Mono.fromRunnable(() -> this.sender.send(simple("a@example.com")))
			.subscribeOn(Schedulers.parallel())
			.doOnError(failure::set)
			.onErrorComplete()
			.block(Duration.ofSeconds(5));
		assertThat(failure.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("non-blocking thread");
		assertThat(this.mailgun.requestCount()).isZero();
	}

	@Test
	void rawMimeCanBeParsedAndSent() {
		this.mailgun.accept();
		MimeMessage message = this.sender.createMimeMessage(new ByteArrayInputStream(
				"From: a@mg.example.com\r\nTo: b@example.com\r\nBcc: c@example.com\r\nSubject: raw\r\n\r\nbody\r\n"
					.getBytes(StandardCharsets.US_ASCII)));
		this.sender.send(message);
		Recorded request = this.mailgun.take();
		assertThat(request.values("to")).containsExactly("b@example.com", "c@example.com");
		assertThat(request.files("message").get(0).text()).contains("Subject: raw").doesNotContain("Bcc");
	}

	private static SimpleMailMessage simple(String to) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom("shop@mg.example.com");
		message.setTo(to);
		message.setSubject("s");
		message.setText("t");
		return message;
	}

}
