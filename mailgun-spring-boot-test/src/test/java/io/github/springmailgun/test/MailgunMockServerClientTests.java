package io.github.springmailgun.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.error.MailgunAuthenticationException;
import io.github.springmailgun.error.MailgunNotFoundException;
import io.github.springmailgun.error.MailgunPayloadTooLargeException;
import io.github.springmailgun.error.MailgunRateLimitException;
import io.github.springmailgun.error.MailgunServerException;
import io.github.springmailgun.error.MailgunTimeoutException;
import io.github.springmailgun.error.MailgunTransportException;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.BatchMessage;
import io.github.springmailgun.message.BatchRecipient;
import io.github.springmailgun.message.BatchResult;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.MimeMessageRequest;
import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.message.StoredMessage;
import io.github.springmailgun.template.TemplateRequest;
import io.github.springmailgun.template.TemplateVersionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The mock driven by the real client, as users will drive it: what the client sends arrives intact, and
 * the mock's answers (errors, faults, delays) produce the client behaviour Mailgun's would.
 */
class MailgunMockServerClientTests {

	private final MailgunMockServer mock = MailgunMockServer.start();

	@AfterEach
	void stop() {
		this.mock.close();
	}

	private MailgunTemplate client() {
		return client(MailgunClientSettings.builder(this.mock.apiKey(), this.mock.domain())
			.baseUrl(this.mock.baseUrl()));
	}

	private static MailgunTemplate client(MailgunClientSettings.Builder settings) {
		return new MailgunTemplate(settings.build());
	}

	private static MailgunMessage.Builder message() {
		return MailgunMessage.builder().from("Shop <shop@mg.example.com>").to("alice@example.com").subject("Hi");
	}

	@Test
	void fileNamesWithQuotesAndBackslashesArriveIntact() {
		client().send(message().text("see attachment").attachment(io.github.springmailgun.message.Attachment.of("a \"quoted\" \\ name.pdf",
				new byte[] { 1 }, "application/pdf")).build()).block();
		assertThat(this.mock.lastMessage().attachments()).singleElement()
			.satisfies(file -> assertThat(file.filename()).isEqualTo("a \"quoted\" \\ name.pdf"));
	}

	@Test
	void receivesEverythingTheClientSends() {
		byte[] pdf = { '%', 'P', 'D', 'F', 0, (byte) 0xff, '\r', '\n', '-', '-' };
		SendResponse response = client().send(message().to("Bob <bob@example.com>, carol@example.com")
			.cc("dan@example.com")
			.bcc("erin@example.com")
			.subject("Grüße 🎉")
			.text("Hello, naïve world")
			.html("<p>Hello <img src=\"cid:logo.png\"></p>")
			.attachment(Attachment.of("invoice.pdf", pdf, "application/pdf"))
			.attachment(Attachment.of("résumé final.txt", "CV".getBytes(StandardCharsets.UTF_8), "text/plain"))
			.inline(Attachment.of("logo.png", new byte[] { (byte) 0x89, 'P', 'N', 'G' }, "image/png"))
			.tag("orders", "eu")
			.header("Reply-To", "help@example.com")
			.variable("order-id", "42")
			.variable("customer", Map.of("tier", "gold"))
			.testMode(true)
			.trackingClicks(false)
			.build()).block();

		MockMessage message = this.mock.lastMessage();
		assertThat(response.id()).isEqualTo(message.id());
		assertThat(response.message()).isEqualTo("Queued. Thank you.");
		assertThat(response.messageId()).isEqualTo(message.messageId());
		assertThat(message.from()).isEqualTo("Shop <shop@mg.example.com>");
		assertThat(message.to()).containsExactly("alice@example.com", "Bob <bob@example.com>", "carol@example.com");
		assertThat(message.cc()).containsExactly("dan@example.com");
		assertThat(message.bcc()).containsExactly("erin@example.com");
		assertThat(message.subject()).isEqualTo("Grüße 🎉");
		assertThat(message.text()).isEqualTo("Hello, naïve world");
		assertThat(message.html()).isEqualTo("<p>Hello <img src=\"cid:logo.png\"></p>");
		assertThat(message.attachments()).extracting(MockAttachment::filename, MockAttachment::contentType)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("invoice.pdf", "application/pdf"),
					org.assertj.core.groups.Tuple.tuple("résumé final.txt", "text/plain"));
		assertThat(message.attachment("invoice.pdf").content()).isEqualTo(pdf);
		assertThat(message.inlines()).singleElement().satisfies(inline -> {
			assertThat(inline.filename()).isEqualTo("logo.png");
			assertThat(inline.content()).containsExactly((byte) 0x89, 'P', 'N', 'G');
		});
		assertThat(message.tags()).containsExactly("orders", "eu");
		assertThat(message.headers()).containsEntry("Reply-To", "help@example.com");
		assertThat(message.header("reply-to")).isEqualTo("help@example.com");
		assertThat(message.variables()).containsEntry("order-id", "42").containsEntry("customer", "{\"tier\":\"gold\"}");
		assertThat(message.variable("order-id")).isEqualTo("42");
		assertThat(message.options()).containsEntry("testmode", "yes").containsEntry("tracking-clicks", "no");
		assertThat(message.option("o:tracking-clicks")).isEqualTo("no");
		assertThat(message.isTestMode()).isTrue();
		assertThat(message.parameters()).containsKeys("from", "to", "cc", "bcc", "subject", "text", "html", "o:tag",
				"h:Reply-To", "v:order-id", "o:testmode");
	}

	@Test
	void receivesTemplatesAndRecipientVariables() {
		client().templates().create(TemplateRequest.builder("welcome").template("v1").tag("v1").build()).block();
		client().templates()
			.createVersion("welcome", TemplateVersionRequest.builder("v2", "Hi {{recipient.name}} on {{plan}}").build())
			.block();
		client().send(MailgunMessage.builder()
			.to("alice@example.com", "bob@example.com")
			.template("welcome")
			.templateVersion("v2")
			.templateVariables(Map.of("plan", "pro"))
			.recipientVariables(Map.of("alice@example.com", Map.of("name", "Alice"), "bob@example.com",
					Map.of("name", "Bob", "id", 2)))
			.build()).block();

		MockMessage message = this.mock.lastMessage();
		assertThat(message.from()).isNull();
		assertThat(message.template()).isEqualTo("welcome");
		assertThat(message.templateVersion()).isEqualTo("v2");
		assertThat(message.templateVariables()).isEqualTo("{\"plan\":\"pro\"}");
		assertThat(message.recipientVariables()).containsOnlyKeys("alice@example.com", "bob@example.com");
		assertThat(message.recipientVariables().get("bob@example.com")).containsEntry("name", "Bob")
			.containsEntry("id", 2);
		// One rendering per message: the first recipient's variables are the template's "recipient".
		assertThat(message.renderedHtml()).isEqualTo("Hi Alice on pro");
	}

	@Test
	void receivesBatchesAsOneRequestPerChunk() {
		MailgunMessage base = message().text("Hi %recipient.name%").build();
		List<BatchResult> results = client().sendBatch(BatchMessage.of(base)
			.recipient(BatchRecipient.of("a@example.com", Map.of("name", "A")))
			.recipient(BatchRecipient.of("b@example.com", Map.of("name", "B")))
			.recipient(BatchRecipient.of("c@example.com", Map.of("name", "C")))
			.chunkSize(2)
			.concurrency(1)
			.build()).collectList().block();

		assertThat(results).allMatch(BatchResult::isAccepted);
		assertThat(this.mock.sentMessages()).hasSize(2);
		assertThat(this.mock.sentMessages().get(0).to()).containsExactly("a@example.com", "b@example.com");
		assertThat(this.mock.sentMessages().get(1).recipientVariables()).containsOnlyKeys("c@example.com");
	}

	@Test
	void receivesMimeSends() {
		byte[] mime = ("From: Shop <shop@mg.example.com>\r\nTo: alice@example.com\r\nSubject: =?UTF-8?B?R3LDvMOfZQ==?=\r\n"
				+ "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHallo\r\n")
			.getBytes(StandardCharsets.UTF_8);

		SendResponse response = client().sendMime(MimeMessageRequest.builder()
			.to("alice@example.com", "hidden@example.com")
			.message(mime)
			.tag("mime")
			.build()).block();

		MockMessage message = this.mock.lastMessage();
		assertThat(response.id()).isEqualTo(message.id());
		assertThat(message.isMime()).isTrue();
		assertThat(message.rawMime()).isEqualTo(mime);
		assertThat(message.rawMimeAsString()).endsWith("Hallo\r\n");
		assertThat(message.to()).containsExactly("alice@example.com", "hidden@example.com");
		assertThat(message.subject()).isEqualTo("Grüße");
		assertThat(message.from()).isEqualTo("Shop <shop@mg.example.com>");
		assertThat(message.tags()).containsExactly("mime");
		assertThat(message.files()).singleElement()
			.satisfies(file -> assertThat(file.contentType()).isEqualTo("message/rfc822"));
	}

	@Test
	void servesStoredMessagesByKeyAndByUrl() {
		client().send(message().text("Hello")
			.html("<p>Hello</p>")
			.attachment(Attachment.of("a.txt", "A".getBytes(StandardCharsets.UTF_8), "text/plain"))
			.build()).block();
		MockMessage sent = this.mock.lastMessage();

		StoredMessage byKey = client().storedMessage(sent.storageKey()).block();
		StoredMessage byUrl = client().storedMessage(sent.storageUrl().toString()).block();

		for (StoredMessage stored : List.of(byKey, byUrl)) {
			assertThat(stored.from()).isEqualTo("Shop <shop@mg.example.com>");
			assertThat(stored.subject()).isEqualTo("Hi");
			assertThat(stored.sender()).isEqualTo("shop@mg.example.com");
			assertThat(stored.recipients()).isEqualTo("alice@example.com");
			assertThat(stored.bodyPlain()).isEqualTo("Hello");
			assertThat(stored.bodyHtml()).isEqualTo("<p>Hello</p>");
			assertThat(stored.header("Message-Id")).isEqualTo(sent.id());
			assertThat(stored.attachments()).singleElement().satisfies(attachment -> {
				assertThat(attachment.name()).isEqualTo("a.txt");
				assertThat(attachment.size()).isEqualTo(1);
				assertThat(attachment.url()).startsWith(sent.storageUrl().toString());
			});
		}
		assertThatExceptionOfType(MailgunNotFoundException.class)
			.isThrownBy(() -> client().storedMessage("no-such-key").block())
			.satisfies(ex -> assertThat(ex.getMailgunMessage()).isEqualTo("Message not found"));
	}

	@Test
	void refusesAWrongKeyAsMailgunDoes() {
		MailgunTemplate wrongKey = client(MailgunClientSettings.builder("wrong-key", this.mock.domain())
			.baseUrl(this.mock.baseUrl()));

		assertThatExceptionOfType(MailgunAuthenticationException.class)
			.isThrownBy(() -> wrongKey.send(message().text("x").build()).block())
			.satisfies(ex -> {
				assertThat(ex.getStatusCode()).isEqualTo(401);
				assertThat(ex.getMailgunMessage()).isEqualTo("Forbidden");
				assertThat(ex.getMessage()).doesNotContain("wrong-key");
			});
		assertThat(this.mock.sentMessages()).isEmpty();
		assertThat(this.mock.requestCount()).isEqualTo(1);
	}

	@Test
	void refusesAnUnknownDomainWith404() {
		assertThatExceptionOfType(MailgunNotFoundException.class)
			.isThrownBy(() -> client().forDomain("other.example.com").send(message().text("x").build()).block())
			.satisfies(ex -> assertThat(ex.getMailgunMessage()).isEqualTo("Domain not found: other.example.com"));
	}

	@Test
	void letsTheClientRetryARateLimitedSendOnce() {
		this.mock.failNext(MockFault.rateLimited(Duration.ZERO));

		SendResponse response = client().send(message().text("x").build()).block();

		assertThat(this.mock.requestCount()).isEqualTo(2);
		assertThat(this.mock.sentMessages()).singleElement()
			.satisfies(message -> assertThat(message.id()).isEqualTo(response.id()));
		assertThat(this.mock.requests()).extracting(MockRequest::status).containsExactly(429, 200);
	}

	@Test
	void letsTheClientHonourRetryAfter() {
		this.mock.failNext(MockFault.rateLimited(Duration.ofSeconds(1)).withRetryAfterHeader());

		client().send(message().text("x").build()).block();

		List<MockRequest> requests = this.mock.requests();
		assertThat(requests).extracting(MockRequest::status).containsExactly(429, 200);
		assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt()))
			.isGreaterThanOrEqualTo(Duration.ofMillis(900));
	}

	@Test
	void failsWhenRateLimitedLongerThanTheClientWaits() {
		this.mock.failNext(3, MockFault.rateLimited(Duration.ofMinutes(2)));

		assertThatExceptionOfType(MailgunRateLimitException.class)
			.isThrownBy(() -> client().send(message().text("x").build()).block())
			.satisfies(ex -> {
				assertThat(ex.getRetryAfter()).contains(Duration.ofMinutes(2));
				assertThat(ex.getMailgunMessage()).isEqualTo("Domain mg.example.com is not allowed to send: "
						+ "account-requests-per-sec limit exceeded, try again after 120 seconds");
			});
		assertThat(this.mock.requestCount()).isEqualTo(1);
	}

	@Test
	void doesNotLetTheClientRepeatASendAfter500() {
		this.mock.failNext(MockFault.serverError());

		assertThatExceptionOfType(MailgunServerException.class)
			.isThrownBy(() -> client().send(message().text("x").build()).block())
			.satisfies(ex -> {
				assertThat(ex.getStatusCode()).isEqualTo(500);
				assertThat(ex.getMailgunMessage()).isEqualTo("Internal Server Error");
			});
		assertThat(this.mock.requestCount()).isEqualTo(1);
		assertThat(this.mock.sentMessages()).isEmpty();
	}

	@Test
	void doesNotLetTheClientRepeatASendAfter503() {
		this.mock.failNext(MockFault.serviceUnavailable());

		assertThatExceptionOfType(MailgunServerException.class)
			.isThrownBy(() -> client().send(message().text("x").build()).block())
			.satisfies(ex -> assertThat(ex.getStatusCode()).isEqualTo(503));
		assertThat(this.mock.requestCount()).isEqualTo(1);
		assertThat(this.mock.sentMessages()).isEmpty();
	}

	@Test
	void letsAnOptedInClientRetryASendAfter503() {
		this.mock.failNext(MockFault.serviceUnavailable());
		MailgunTemplate optedIn = client(MailgunClientSettings.builder(this.mock.apiKey(), this.mock.domain())
			.baseUrl(this.mock.baseUrl())
			.retry(MailgunRetryPolicy.DEFAULT.withBackoff(Duration.ZERO, Duration.ZERO).withRetrySendOnServerError(true)));

		optedIn.send(message().text("x").build()).block();

		assertThat(this.mock.requestCount()).isEqualTo(2);
		assertThat(this.mock.sentMessages()).hasSize(1);
	}

	@Test
	void retriesIdempotentCallsAfter500() {
		client().send(message().text("x").build()).block();
		String key = this.mock.lastMessage().storageKey();
		this.mock.failNext(MockFault.serverError());
		MailgunTemplate fastRetry = client(MailgunClientSettings.builder(this.mock.apiKey(), this.mock.domain())
			.baseUrl(this.mock.baseUrl())
			.retry(MailgunRetryPolicy.DEFAULT.withBackoff(Duration.ZERO, Duration.ZERO)));

		assertThat(fastRetry.storedMessage(key).block().subject()).isEqualTo("Hi");
		assertThat(this.mock.requestCount()).isEqualTo(3);
	}

	@Test
	void delaysAnswersAfterAcceptingTheMessage() {
		this.mock.delayNext(1, Duration.ofSeconds(2));
		MailgunTemplate impatient = client(MailgunClientSettings.builder(this.mock.apiKey(), this.mock.domain())
			.baseUrl(this.mock.baseUrl())
			.readTimeout(Duration.ofMillis(300)));

		assertThatExceptionOfType(MailgunTimeoutException.class)
			.isThrownBy(() -> impatient.send(message().text("x").build()).block())
			.satisfies(ex -> assertThat(ex.isRequestMayHaveReachedMailgun()).isTrue());
		// The send is not repeated, and Mailgun (the mock) did accept it: the duplicate risk a test can see.
		assertThat(this.mock.requestCount()).isEqualTo(1);
		assertThat(this.mock.sentMessages()).hasSize(1);
	}

	@Test
	void answersAfterAShortDelay() {
		this.mock.delayNext(1, Duration.ofMillis(200));

		SendResponse response = client().send(message().text("x").build()).block();

		assertThat(response.id()).isEqualTo(this.mock.lastMessage().id());
	}

	@Test
	void dropsTheConnectionWhenAsked() {
		this.mock.failNext(MockFault.disconnect());

		assertThatExceptionOfType(MailgunTransportException.class)
			.isThrownBy(() -> client().send(message().text("x").build()).block())
			.satisfies(ex -> assertThat(ex.isRequestMayHaveReachedMailgun()).isTrue());
		assertThat(this.mock.requestCount()).isEqualTo(1);
		assertThat(this.mock.sentMessages()).isEmpty();
		assertThat(this.mock.requests()).singleElement()
			.satisfies(request -> assertThat(request.status()).isZero());
	}

	@Test
	void refusesTooLargeRequestsWith413() {
		try (MailgunMockServer small = MailgunMockServer.builder().maxRequestSize(64 * 1024).start()) {
			MailgunTemplate client = client(MailgunClientSettings.builder(small.apiKey(), small.domain())
				.baseUrl(small.baseUrl()));

			assertThatExceptionOfType(MailgunPayloadTooLargeException.class)
				.isThrownBy(() -> client.send(message().text("x")
					.attachment(Attachment.of("big.bin", new byte[256 * 1024], "application/octet-stream"))
					.build()).block())
				.satisfies(ex -> assertThat(ex.getMailgunMessage()).isEqualTo("Request entity too large"));
			assertThat(small.sentMessages()).isEmpty();
		}
	}

}
