package io.github.springmailgun;

import io.github.springmailgun.testing.LoopbackMailgun;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.testing.LoopbackMailgun.Part;
import io.github.springmailgun.testing.LoopbackMailgun.Recorded;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.FormField;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.MimeMessageRequest;
import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.message.TrackingMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every send parameter through a real HTTP server: the exact wire form Mailgun receives.
 */
class SendWireFormatTests {

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	@AfterEach
	void stop() {
		this.mailgun.close();
	}

	private MailgunMessage.Builder minimal() {
		return MailgunMessage.builder().from("Shop <shop@mg.example.com>").to("alice@example.com").subject("Hi").text("Hello");
	}

	@Test
	void userAgentFromTheBuildersDefaultHeadersWinsAndOtherDefaultsAreKept() {
		this.mailgun.accept();
		this.mailgun.accept();
		MailgunClientSettings settings = this.mailgun.settings().build();
		WebClient.Builder theirs = WebClient.builder().defaultHeader("User-Agent", "billing-service/2.1");
		new MailgunTemplate(settings, theirs).send(minimal().build()).block();
		WebClient.Builder team = WebClient.builder().defaultHeader("X-Team", "billing");
		new MailgunTemplate(settings, team).send(minimal().build()).block();

		assertThat(this.mailgun.take().header("User-Agent")).isEqualTo("billing-service/2.1");
		Recorded withTeam = this.mailgun.take();
		assertThat(withTeam.header("User-Agent")).startsWith("mailgun-spring-boot/");
		assertThat(withTeam.header("X-Team")).isEqualTo("billing");
	}

	@Test
	void sendingIsItsOwnAreaAndTheRootOperationsDelegateToIt() {
		this.mailgun.accept();
		this.mailgun.accept();
		MailgunOperations client = this.mailgun.client();
		MailgunMessage message = minimal().tag("area").build();
		client.messages().send(message).block();
		client.forDomain("other.example.com").send(message).block();

		Recorded viaArea = this.mailgun.take();
		assertThat(viaArea.path()).isEqualTo("/v3/mg.example.com/messages");
		Recorded viaRoot = this.mailgun.take();
		assertThat(viaRoot.path()).isEqualTo("/v3/other.example.com/messages");
		assertThat(viaRoot.values("o:tag")).isEqualTo(viaArea.values("o:tag")).containsExactly("area");
	}

	@Test
	void plainMessageIsAuthenticatedMultipartPostWithLength() {
		this.mailgun.accept();
		SendResponse response = this.mailgun.client().send(minimal().build()).block();

		assertThat(response.id()).isEqualTo("<20261128.1.ABC@mg.example.com>");
		assertThat(response.messageId()).isEqualTo("20261128.1.ABC@mg.example.com");
		assertThat(response.message()).isEqualTo("Queued. Thank you.");
		Recorded request = this.mailgun.take();
		assertThat(request.request().getMethod()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/v3/mg.example.com/messages");
		assertThat(request.header("Authorization")).isEqualTo(LoopbackMailgun.expectedAuthorization());
		assertThat(request.header("Content-Type")).matches("multipart/form-data; ?boundary=mailgun-[A-Za-z0-9]{32}");
		assertThat(request.header("Content-Length")).isEqualTo(Long.toString(request.request().getBodySize()));
		assertThat(request.header("Transfer-Encoding")).isNull();
		assertThat(request.header("User-Agent")).startsWith("mailgun-spring-boot/");
		assertThat(request.names()).containsExactly("from", "to", "subject", "text");
		assertThat(request.value("from")).isEqualTo("Shop <shop@mg.example.com>");
		assertThat(request.value("to")).isEqualTo("alice@example.com");
		assertThat(request.value("subject")).isEqualTo("Hi");
		assertThat(request.value("text")).isEqualTo("Hello");
	}

	@Test
	void everyModelledParameterHasItsMailgunNameAndWireValue() {
		this.mailgun.accept();
		MailgunMessage message = MailgunMessage.builder()
			.from("shop@mg.example.com")
			.to("a@example.com", "Bob <b@example.com>")
			.cc("c@example.com")
			.bcc("d@example.com")
			.subject("Subject")
			.text("text body")
			.ampHtml("<html amp4email></html>")
			.template("welcome")
			.templateVersion("v2")
			.templateText(true)
			.templateVariables(Map.of("name", "Alice"))
			.tag("one", "two")
			.tag("three")
			.dkim(true)
			.secondaryDkim("example.com/s1")
			.secondaryDkimPublic("public.example.com/s1")
			.deliveryTime(ZonedDateTime.of(2011, 10, 14, 12, 0, 0, 0, ZoneOffset.UTC))
			.deliveryTimeOptimizePeriod(Duration.ofHours(24))
			.timeZoneLocalize(LocalTime.of(9, 5))
			.testMode(true)
			.tracking(TrackingMode.HTML_ONLY)
			.trackingClicks(false)
			.trackingOpens(true)
			.requireTls(true)
			.skipVerification(false)
			.sendingIp("192.0.2.10")
			.sendingIpPool("pool-1")
			.trackingPixelLocationTop(true)
			.archiveTo("https://archive.example.com/mail")
			.suppressHeaders("X-Mailgun-Variables", "X-Mailgun-Tag")
			.deliverWithin(Duration.ofMinutes(90))
			.header("Reply-To", "support@example.com")
			.header("X-Order", "42")
			.variable("user-id", "123")
			.variable("order", Map.of("id", 42))
			.parameter("o:future-option", "yes")
			.build();
		this.mailgun.client().send(message).block();

		Recorded request = this.mailgun.take();
		List<FormField> fields = request.parts().stream().map(p -> new FormField(p.name(), p.text())).toList();
		assertThat(fields).containsExactly(new FormField("from", "shop@mg.example.com"),
				new FormField("to", "a@example.com"), new FormField("to", "Bob <b@example.com>"),
				new FormField("cc", "c@example.com"), new FormField("bcc", "d@example.com"),
				new FormField("subject", "Subject"), new FormField("text", "text body"),
				new FormField("amp-html", "<html amp4email></html>"), new FormField("template", "welcome"),
				new FormField("t:version", "v2"), new FormField("t:text", "yes"),
				new FormField("t:variables", "{\"name\":\"Alice\"}"), new FormField("o:tag", "one"),
				new FormField("o:tag", "two"), new FormField("o:tag", "three"), new FormField("o:dkim", "yes"),
				new FormField("o:secondary-dkim", "example.com/s1"),
				new FormField("o:secondary-dkim-public", "public.example.com/s1"),
				new FormField("o:deliverytime", "Fri, 14 Oct 2011 12:00:00 +0000"),
				new FormField("o:deliverytime-optimize-period", "24h"),
				new FormField("o:time-zone-localize", "09:05"), new FormField("o:tracking", "htmlonly"),
				new FormField("o:tracking-clicks", "no"), new FormField("o:tracking-opens", "yes"),
				new FormField("o:require-tls", "yes"), new FormField("o:skip-verification", "no"),
				new FormField("o:sending-ip", "192.0.2.10"), new FormField("o:sending-ip-pool", "pool-1"),
				new FormField("o:tracking-pixel-location-top", "yes"),
				new FormField("o:archive-to", "https://archive.example.com/mail"),
				new FormField("o:suppress-headers", "X-Mailgun-Variables,X-Mailgun-Tag"),
				new FormField("o:deliver-within", "1h30m"), new FormField("o:testmode", "yes"),
				new FormField("h:Reply-To", "support@example.com"), new FormField("h:X-Order", "42"),
				new FormField("v:user-id", "123"), new FormField("v:order", "{\"id\":42}"),
				new FormField("o:future-option", "yes"));
	}

	@Test
	void htmlAndRecipientVariablesAreSent() {
		this.mailgun.accept();
		Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
		variables.put("a@example.com", Map.of("name", "A"));
		variables.put("b@example.com", Map.of("name", "B"));
		this.mailgun.client()
			.send(MailgunMessage.builder()
				.from("shop@mg.example.com")
				.to("a@example.com", "b@example.com")
				.subject("Hi %recipient.name%")
				.html("<p>Hello %recipient.name%</p>")
				.recipientVariables(variables)
				.build())
			.block();

		Recorded request = this.mailgun.take();
		assertThat(request.value("html")).isEqualTo("<p>Hello %recipient.name%</p>");
		assertThat(request.value("recipient-variables"))
			.isEqualTo("{\"a@example.com\":{\"name\":\"A\"},\"b@example.com\":{\"name\":\"B\"}}");
	}

	@Test
	void typedTimesAreWrittenInMailgunFormats() {
		MailgunMessage fromInstant = minimal().deliveryTime(Instant.parse("2026-01-02T03:04:05Z"))
			.deliverWithin(Duration.ofHours(24))
			.deliveryTimeOptimizePeriod(Duration.ofHours(72))
			.build();
		assertThat(fromInstant.options().value("o:deliverytime")).isEqualTo("Fri, 02 Jan 2026 03:04:05 +0000");
		assertThat(fromInstant.options().value("o:deliver-within")).isEqualTo("24h");
		assertThat(fromInstant.options().value("o:deliverytime-optimize-period")).isEqualTo("72h");

		MailgunMessage zoned = minimal()
			.deliveryTime(ZonedDateTime.of(2026, 7, 1, 9, 30, 0, 0, java.time.ZoneId.of("Europe/Berlin")))
			.deliverWithin(Duration.ofMinutes(5))
			.tracking(true)
			.trackingClicks(TrackingMode.HTML_ONLY)
			.build();
		assertThat(zoned.options().value("o:deliverytime")).isEqualTo("Wed, 01 Jul 2026 09:30:00 +0200");
		assertThat(zoned.options().value("o:deliver-within")).isEqualTo("5m");
		assertThat(zoned.options().value("o:tracking")).isEqualTo("yes");
		assertThat(zoned.options().value("o:tracking-clicks")).isEqualTo("htmlonly");
	}

	@Test
	void attachmentsAndInlinePartsCarryNamesTypesAndBytes(@TempDir Path dir) throws Exception {
		Path pdf = Files.write(dir.resolve("invoice.pdf"), new byte[] { 0x25, 0x50, 0x44, 0x46, 0, (byte) 0xff });
		this.mailgun.accept();
		this.mailgun.client()
			.send(minimal().html("<img src=\"cid:logo.png\">")
				.attachment(pdf)
				.attachment(Attachment.of("notes.txt", "plain notes".getBytes(StandardCharsets.UTF_8)))
				.attachment(Attachment.of("data.bin", new ByteArrayResource(new byte[] { 1, 2, 3 }), "application/x-custom"))
				.inline(Attachment.of("logo.png", new byte[] { (byte) 0x89, 'P', 'N', 'G' }))
				.build())
			.block();

		Recorded request = this.mailgun.take();
		List<Part> attachments = request.files("attachment");
		assertThat(attachments).extracting(Part::filename).containsExactly("invoice.pdf", "notes.txt", "data.bin");
		assertThat(attachments).extracting(Part::contentType)
			.containsExactly("application/pdf", "text/plain", "application/x-custom");
		assertThat(attachments.get(0).bytes()).isEqualTo(Files.readAllBytes(pdf));
		assertThat(attachments.get(1).text()).isEqualTo("plain notes");
		assertThat(attachments.get(2).bytes()).containsExactly(1, 2, 3);
		List<Part> inlines = request.files("inline");
		assertThat(inlines).singleElement().satisfies(inline -> {
			assertThat(inline.filename()).isEqualTo("logo.png");
			assertThat(inline.contentType()).isEqualTo("image/png");
			assertThat(inline.bytes()).containsExactly(0x89, 'P', 'N', 'G');
		});
		assertThat(request.header("Content-Length")).isNotNull();
	}

	@Test
	void streamAttachmentIsSentChunked() {
		this.mailgun.accept();
		byte[] content = "streamed content".getBytes(StandardCharsets.UTF_8);
		this.mailgun.client()
			.send(minimal().attachment(Attachment.of("report.csv", new ByteArrayInputStream(content), "text/csv")).build())
			.block();

		Recorded request = this.mailgun.take();
		assertThat(request.header("Content-Length")).isNull();
		assertThat(request.header("Transfer-Encoding")).isEqualTo("chunked");
		assertThat(request.files("attachment")).singleElement().satisfies(part -> {
			assertThat(part.filename()).isEqualTo("report.csv");
			assertThat(part.contentType()).isEqualTo("text/csv");
			assertThat(part.bytes()).isEqualTo(content);
		});
	}

	@Test
	void unicodeValuesAndFileNamesAreUtf8AndQuotesAreEscaped() {
		this.mailgun.accept();
		this.mailgun.client()
			.send(MailgunMessage.builder()
				.from("Zoë Åström <zoe@mg.example.com>")
				.to("José <jose@example.com>")
				.subject("Grüße — 你好 📨")
				.text("Ünïcödé body\r\nsecond line")
				.attachment(Attachment.of("résumé \"final\".txt", "x".getBytes(StandardCharsets.UTF_8)))
				.attachment(Attachment.of("back\\slash.txt", "y".getBytes(StandardCharsets.UTF_8)))
				.build())
			.block();

		Recorded request = this.mailgun.take();
		assertThat(request.value("from")).isEqualTo("Zoë Åström <zoe@mg.example.com>");
		assertThat(request.value("subject")).isEqualTo("Grüße — 你好 📨");
		assertThat(request.value("text")).isEqualTo("Ünïcödé body\r\nsecond line");
		assertThat(request.files("attachment")).extracting(Part::filename)
			.containsExactly("résumé \"final\".txt", "back\\slash.txt");
	}

	@Test
	void regionsResolveToTheirApiHosts() {
		assertThat(MailgunClientSettings.builder("k", "mg.example.com").build().baseUrl())
			.hasToString("https://api.mailgun.net");
		MailgunClientSettings eu = MailgunClientSettings.builder("k", "mg.example.com").region(MailgunRegion.EU).build();
		assertThat(eu.baseUrl()).hasToString("https://api.eu.mailgun.net");
		assertThat(eu.region()).isEqualTo(MailgunRegion.EU);
		assertThat(MailgunClientSettings.builder("k", "d.example.com")
			.region(MailgunRegion.EU)
			.baseUrl("http://127.0.0.1:8080/")
			.build()
			.baseUrl()).hasToString("http://127.0.0.1:8080");
	}

	@Test
	void baseUrlWithPathPrefixIsKept() {
		this.mailgun.accept();
		MailgunTemplate client = new MailgunTemplate(
				this.mailgun.settings().baseUrl(this.mailgun.baseUrl() + "/proxy/mailgun/").build());
		client.send(minimal().build()).block();
		assertThat(this.mailgun.take().path()).isEqualTo("/proxy/mailgun/v3/mg.example.com/messages");
	}

	@Test
	void forDomainSendsOnTheOtherDomainsPath() {
		this.mailgun.accept();
		MailgunOperations other = this.mailgun.client().forDomain("news.example.org");
		other.send(minimal().build()).block();

		assertThat(other.domain()).isEqualTo("news.example.org");
		Recorded request = this.mailgun.take();
		assertThat(request.path()).isEqualTo("/v3/news.example.org/messages");
		assertThat(request.header("Authorization")).isEqualTo(LoopbackMailgun.expectedAuthorization());
	}

	@Test
	void clientDefaultsApplyOnlyWhereTheMessageSetsNothing() {
		MailgunTemplate client = new MailgunTemplate(
				this.mailgun.settings().defaultFrom("Default <noreply@mg.example.com>").testMode(true).build());
		this.mailgun.accept().accept();

		client.send(MailgunMessage.builder().to("a@example.com").text("x").build()).block();
		Recorded defaulted = this.mailgun.take();
		assertThat(defaulted.value("from")).isEqualTo("Default <noreply@mg.example.com>");
		assertThat(defaulted.value("o:testmode")).isEqualTo("yes");

		client.send(minimal().testMode(false).build()).block();
		Recorded explicit = this.mailgun.take();
		assertThat(explicit.value("from")).isEqualTo("Shop <shop@mg.example.com>");
		assertThat(explicit.values("o:testmode")).isEmpty();
	}

	@Test
	void mimeSendPostsEnvelopeRecipientsAndMessagePart() {
		this.mailgun.accept();
		byte[] mime = "From: a@mg.example.com\r\nTo: b@example.com\r\nSubject: Hi\r\n\r\nBody\r\n"
			.getBytes(StandardCharsets.UTF_8);
		SendResponse response = this.mailgun.client()
			.sendMime(MimeMessageRequest.builder()
				.to("b@example.com", "hidden@example.com")
				.message(mime)
				.tag("mime")
				.header("X-Extra", "1")
				.variable("k", "v")
				.template("tpl")
				.deliveryTime(Instant.parse("2026-01-02T03:04:05Z"))
				.build())
			.block();

		assertThat(response.messageId()).isEqualTo("20261128.1.ABC@mg.example.com");
		Recorded request = this.mailgun.take();
		assertThat(request.path()).isEqualTo("/v3/mg.example.com/messages.mime");
		assertThat(request.values("to")).containsExactly("b@example.com", "hidden@example.com");
		assertThat(request.value("o:tag")).isEqualTo("mime");
		assertThat(request.value("h:X-Extra")).isEqualTo("1");
		assertThat(request.value("v:k")).isEqualTo("v");
		assertThat(request.value("template")).isEqualTo("tpl");
		assertThat(request.value("o:deliverytime")).isEqualTo("Fri, 02 Jan 2026 03:04:05 +0000");
		assertThat(request.files("message")).singleElement().satisfies(part -> {
			assertThat(part.filename()).isEqualTo("message.mime");
			assertThat(part.contentType()).isEqualTo("message/rfc822");
			assertThat(part.bytes()).isEqualTo(mime);
		});
	}

	@Test
	void toBuilderKeepsEveryParameter() {
		MailgunMessage original = minimal().cc("c@example.com")
			.tag("t1")
			.header("X-A", "1")
			.variable("v", "2")
			.parameter("o:raw", "3")
			.testMode(true)
			.tracking(false)
			.build();
		MailgunMessage copy = original.toBuilder().build();
		assertThat(copy.formFields()).isEqualTo(original.formFields());
		assertThat(copy.options().testMode()).isTrue();
	}

}
