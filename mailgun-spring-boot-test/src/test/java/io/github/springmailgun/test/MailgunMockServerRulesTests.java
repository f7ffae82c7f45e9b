package io.github.springmailgun.test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mock's own rules, over raw HTTP with hand-built bodies: what it accepts, and the status and
 * exact body of every refusal.
 */
class MailgunMockServerRulesTests {

	private final MailgunMockServer mock = MailgunMockServer.start();

	private final RawHttp http = new RawHttp(this.mock);

	@AfterEach
	void stop() {
		this.mock.close();
	}

	private HttpResponse<String> sendForm(String... namesAndValues) {
		return this.http.post(this.http.messagesPath(), "application/x-www-form-urlencoded",
				RawHttp.urlEncoded(namesAndValues).getBytes(StandardCharsets.UTF_8));
	}

	private static void assertError(HttpResponse<String> response, int status, String message) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.body()).isEqualTo("{\"message\":\"" + message.replace("\"", "\\\"") + "\"}");
	}

	@Test
	void acceptsMultipartAndAnswersLikeMailgun() {
		HttpResponse<String> response = this.http.post(this.http.messagesPath(),
				new RawHttp.Multipart().field("from", "Shop <shop@mg.example.com>")
					.field("to", "alice@example.com")
					.field("subject", "Your order")
					.field("text", "It ships today.")
					.end());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		MockMessage message = this.mock.lastMessage();
		assertThat(response.body())
			.isEqualTo("{\"id\":\"" + message.id() + "\",\"message\":\"Queued. Thank you.\"}");
		assertThat(message.id()).matches("<\\d{14}\\.\\d+\\.[0-9A-F]{6}@mg\\.example\\.com>");
		assertThat(message.messageId()).isEqualTo(message.id().substring(1, message.id().length() - 1));
		assertThat(message.from()).isEqualTo("Shop <shop@mg.example.com>");
		assertThat(message.to()).containsExactly("alice@example.com");
		assertThat(message.subject()).isEqualTo("Your order");
		assertThat(message.text()).isEqualTo("It ships today.");
		assertThat(message.isMime()).isFalse();
		assertThat(message.domain()).isEqualTo("mg.example.com");
	}

	@Test
	void acceptsUrlEncodedFormsAndSplitsAddressLists() {
		HttpResponse<String> response = sendForm("from", "shop@mg.example.com", "to",
				"\"Doe, Jane\" <jane@example.com>, bob@example.com", "to", "carol@example.com", "cc", "dan@example.com",
				"subject", "Grüße 🎉 & more", "html", "<p>a+b=c</p>", "o:tag", "one", "o:tag", "two");

		assertThat(response.statusCode()).isEqualTo(200);
		MockMessage message = this.mock.lastMessage();
		assertThat(message.to()).containsExactly("\"Doe, Jane\" <jane@example.com>", "bob@example.com",
				"carol@example.com");
		assertThat(message.cc()).containsExactly("dan@example.com");
		assertThat(message.recipients()).containsExactly("jane@example.com", "bob@example.com", "carol@example.com",
				"dan@example.com");
		assertThat(message.subject()).isEqualTo("Grüße 🎉 & more");
		assertThat(message.html()).isEqualTo("<p>a+b=c</p>");
		assertThat(message.tags()).containsExactly("one", "two");
		assertThat(message.parameters()).containsEntry("to",
				List.of("\"Doe, Jane\" <jane@example.com>, bob@example.com", "carol@example.com"));
	}

	@Test
	void givesEveryMessageItsOwnId() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 5; i++) {
			assertThat(sendForm("from", "a@mg.example.com", "to", "b@example.com", "text", "x").statusCode())
				.isEqualTo(200);
		}
		this.mock.sentMessages().forEach(message -> ids.add(message.id()));
		assertThat(ids).hasSize(5);
	}

	@Test
	void refusesMissingFrom() {
		assertError(sendForm("to", "b@example.com", "text", "x"), 400, "from parameter is missing");
		assertThat(this.mock.sentMessages()).isEmpty();
	}

	@Test
	void acceptsMissingFromWhenATemplateIsNamed() {
		// The template must exist: the mock renders it.
		assertThat(this.http.post("/v3/" + this.mock.domain() + "/templates",
				new RawHttp.Multipart().field("name", "welcome").field("template", "<p>Hi</p>").end())
			.statusCode()).isEqualTo(200);
		assertThat(sendForm("to", "b@example.com", "template", "welcome").statusCode()).isEqualTo(200);
		assertThat(this.mock.lastMessage().from()).isNull();
		assertThat(this.mock.lastMessage().template()).isEqualTo("welcome");
	}

	@Test
	void refusesMissingTo() {
		assertError(sendForm("from", "a@mg.example.com", "text", "x"), 400, "to parameter is missing");
		assertError(sendForm("from", "a@mg.example.com", "to", "  ", "text", "x"), 400, "to parameter is missing");
	}

	@Test
	void refusesAMessageWithoutBody() {
		assertError(sendForm("from", "a@mg.example.com", "to", "b@example.com", "subject", "Hi", "text", ""), 400,
				"Need at least one of 'text', 'html', 'amp-html' or 'template' parameters specified");
	}

	@Test
	void acceptsAmpHtmlAsTheOnlyBody() {
		assertThat(sendForm("from", "a@mg.example.com", "to", "b@example.com", "amp-html", "<html amp4email/>")
			.statusCode()).isEqualTo(200);
		assertThat(this.mock.lastMessage().ampHtml()).isEqualTo("<html amp4email/>");
	}

	@Test
	void refusesHtmlTogetherWithTemplate() {
		assertError(sendForm("from", "a@mg.example.com", "to", "b@example.com", "html", "<p>x</p>", "template",
				"welcome"), 400, "Only one parameters 'html' or 'template' is allowed");
	}

	@Test
	void refusesInvalidAddressesNamingTheParameter() {
		assertError(sendForm("from", "a@mg.example.com", "to", "not-an-address", "text", "x"), 400,
				"to parameter is not a valid address. please check documentation");
		assertError(sendForm("from", "a@mg.example.com", "to", "b@example.com, bob@", "text", "x"), 400,
				"to parameter is not a valid address. please check documentation");
		assertError(sendForm("from", "root@localhost", "to", "b@example.com", "text", "x"), 400,
				"from parameter is not a valid address. please check documentation");
		assertError(sendForm("from", "a@mg.example.com", "to", "b@example.com", "cc", "Bob <bob@example>", "text",
				"x"), 400, "cc parameter is not a valid address. please check documentation");
		assertError(sendForm("from", "a@mg.example.com", "to", "b@example.com", "bcc", "two words@example.com",
				"text", "x"), 400, "bcc parameter is not a valid address. please check documentation");
	}

	@Test
	void refusesUnknownSendingDomainsWith404() {
		HttpResponse<String> response = this.http.post("/v3/other.example.com/messages",
				"application/x-www-form-urlencoded",
				RawHttp.urlEncoded("from", "a@other.example.com", "to", "b@example.com", "text", "x")
					.getBytes(StandardCharsets.UTF_8));

		assertError(response, 404, "Domain not found: other.example.com");
	}

	@Test
	void acceptsEveryConfiguredDomainIgnoringCase() {
		try (MailgunMockServer twoDomains = MailgunMockServer.builder()
			.domain("mg.example.com")
			.domain("eu.example.com")
			.start()) {
			RawHttp raw = new RawHttp(twoDomains);
			HttpResponse<String> response = raw.post("/v3/EU.example.com/messages", "application/x-www-form-urlencoded",
					RawHttp.urlEncoded("from", "a@eu.example.com", "to", "b@example.com", "text", "x")
						.getBytes(StandardCharsets.UTF_8));

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(twoDomains.domain()).isEqualTo("mg.example.com");
			assertThat(twoDomains.lastMessage().domain()).isEqualTo("eu.example.com");
			assertThat(twoDomains.lastMessage().id()).endsWith("@eu.example.com>");
		}
	}

	@Test
	void refusesWrongOrMissingKeysWithPlainForbiddenOnMessages() {
		byte[] body = RawHttp.urlEncoded("from", "a@mg.example.com", "to", "b@example.com", "text", "x")
			.getBytes(StandardCharsets.UTF_8);
		for (String authorization : new String[] { RawHttp.basic("api", "wrong-key"),
				RawHttp.basic("user", this.mock.apiKey()), "Bearer " + this.mock.apiKey(), "Basic %%%", null }) {
			HttpResponse<String> response = this.http.post(this.http.messagesPath(),
					"application/x-www-form-urlencoded", body, authorization);

			assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
			assertThat(response.body()).isEqualTo("Forbidden");
			assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
		}
		assertThat(this.mock.sentMessages()).isEmpty();
		assertThat(this.mock.requestCount()).isEqualTo(5);
	}

	@Test
	void refusesWrongKeysWithJsonOnDomains() {
		HttpResponse<String> response = this.http.get("/v4/domains/mg.example.com", RawHttp.basic("api", "wrong"));

		assertError(response, 401, "Invalid private key");
	}

	@Test
	void refusesSendOptionsOver16Kilobytes() {
		// "h:X-Big" (7 bytes) + value: exactly 16,384 bytes of options is allowed, one more is not.
		String exactly = "x".repeat(16 * 1024 - 7);
		assertThat(sendForm("from", "a@mg.example.com", "to", "b@example.com", "text", "x", "h:X-Big", exactly)
			.statusCode()).isEqualTo(200);

		assertError(sendForm("from", "a@mg.example.com", "to", "b@example.com", "text", "x", "h:X-Big", exactly + "x"),
				400, "Send options (parameters starting with o:, h:, or v:) are limited to 16KB total");
		assertError(sendForm("from", "a@mg.example.com", "to", "b@example.com", "text", "x", "v:a", "x".repeat(9000),
				"o:tag", "y".repeat(9000)), 400,
				"Send options (parameters starting with o:, h:, or v:) are limited to 16KB total");
	}

	@Test
	void refusesMoreThan1000RecipientsWithRecipientVariables() {
		StringBuilder to = new StringBuilder();
		StringBuilder variables = new StringBuilder("{");
		for (int i = 0; i < 1001; i++) {
			to.append((i > 0) ? "," : "").append("user").append(i).append("@example.com");
			variables.append((i > 0) ? "," : "").append("\"user").append(i).append("@example.com\":{\"n\":").append(i)
				.append('}');
		}
		variables.append('}');

		assertError(sendForm("from", "a@mg.example.com", "to", to.toString(), "text", "x", "recipient-variables",
				variables.toString()), 400,
				"Too many recipients: 1001. Batch sending with recipient-variables is limited to 1000 recipients per request");

		String thousand = to.substring(0, to.lastIndexOf(","));
		assertThat(sendForm("from", "a@mg.example.com", "to", thousand, "text", "x", "recipient-variables", "{}")
			.statusCode()).isEqualTo(200);
		assertThat(this.mock.lastMessage().to()).hasSize(1000);
		// Without recipient-variables Mailgun's batch limit does not apply.
		assertThat(sendForm("from", "a@mg.example.com", "to", to.toString(), "text", "x").statusCode()).isEqualTo(200);
	}

	@Test
	void refusesJsonParametersThatAreNotJson() {
		assertError(sendForm("from", "a@mg.example.com", "to", "b@example.com", "text", "x", "recipient-variables",
				"{\"b@example.com\": []}"), 400, "recipient-variables parameter is not a valid JSON");
		assertError(sendForm("from", "a@mg.example.com", "to", "b@example.com", "text", "x", "recipient-variables",
				"{not json"), 400, "recipient-variables parameter is not a valid JSON");
		assertError(sendForm("to", "b@example.com", "template", "welcome", "t:variables", "{name=Jane}"), 400,
				"Invalid template variables. Template variables must be valid json. got: '{name=Jane}'");
	}

	@Test
	void refusesRequestsOverTheSizeLimitWith413() throws Exception {
		assertThat(MailgunMockServer.DEFAULT_MAX_REQUEST_SIZE).isEqualTo(52_428_800L);
		try (MailgunMockServer small = MailgunMockServer.builder().maxRequestSize(4096).start()) {
			RawHttp raw = new RawHttp(small);
			byte[] big = new RawHttp.Multipart().field("from", "a@mg.example.com")
				.field("to", "b@example.com")
				.field("text", "x")
				.file("attachment", "big.bin", "application/octet-stream", new byte[5000])
				.end()
				.bytes();
			String contentType = new RawHttp.Multipart().contentType();

			assertError(raw.post("/v3/mg.example.com/messages", contentType, big), 413, "Request entity too large");

			// Without Content-Length (chunked), the limit is found while reading.
			HttpRequest chunked = HttpRequest.newBuilder(raw.uri("/v3/mg.example.com/messages"))
				.header("Authorization", raw.auth())
				.header("Content-Type", contentType)
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
				.build();
			assertError(raw.send(chunked), 413, "Request entity too large");

			// The connection stays usable, and a request within the limit passes.
			byte[] fits = new RawHttp.Multipart().field("from", "a@mg.example.com")
				.field("to", "b@example.com")
				.field("text", "x")
				.end()
				.bytes();
			assertThat(raw.post("/v3/mg.example.com/messages", contentType, fits).statusCode()).isEqualTo(200);
			assertThat(small.sentMessages()).hasSize(1);
		}
	}

	@Test
	void parsesMultipartQuotingFilenamesCharsetsAndBinaryParts() {
		byte[] binary = new byte[256];
		for (int i = 0; i < binary.length; i++) {
			binary[i] = (byte) i;
		}
		// Bytes that look like framing must not end the part.
		byte[] tricky = "line\r\n--not-the-boundary\r\n\r\n--".getBytes(StandardCharsets.ISO_8859_1);
		byte[] latin1 = "Café".getBytes(StandardCharsets.ISO_8859_1);
		RawHttp.Multipart complete = new RawHttp.Multipart("b0undary");
		complete.raw("preamble to ignore\r\n")
			.field("from", "a@mg.example.com")
			.field("to", "b@example.com");
		complete.raw("--b0undary\r\ncontent-disposition: form-data;\r\n name=\"subject\"\r\n"
				+ "Content-Type: text/plain; charset=ISO-8859-1\r\n\r\n");
		byte[] prefix = complete.bytes();
		RawHttp.Multipart rest = new RawHttp.Multipart("b0undary");
		rest.raw("\r\n")
			.raw("--b0undary\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nnaïve ☃\r\n")
			.raw("--b0undary\r\nContent-Disposition: form-data; name=\"h:X-Quoted\"; ignored\r\n\r\nvalue\r\n")
			.file("attachment", "bin.dat", "application/octet-stream", binary)
			.file("attachment", "tricky.txt", "text/plain", tricky)
			.raw("--b0undary\r\nContent-Disposition: form-data; name=\"inline\"; filename=\"say \\\"cheese\\\".png\"\r\n"
					+ "Content-Type: image/png\r\n\r\nPNG\r\n")
			.raw("--b0undary\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"fallback.txt\"; "
					+ "filename*=UTF-8''r%C3%A9sum%C3%A9.txt\r\n\r\nCV\r\n")
			.raw("--b0undary\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"empty.txt\"\r\n"
					+ "Content-Type: text/plain\r\n\r\n\r\n")
			.raw("--b0undary--\r\nepilogue to ignore");
		byte[] all = concat(prefix, latin1, rest.bytes());

		HttpResponse<String> response = this.http.post(this.http.messagesPath(),
				"multipart/form-data; charset=utf-8; boundary=\"b0undary\"", all);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		MockMessage message = this.mock.lastMessage();
		assertThat(message.subject()).isEqualTo("Café");
		assertThat(message.text()).isEqualTo("naïve ☃");
		assertThat(message.header("x-quoted")).isEqualTo("value");
		assertThat(message.attachments()).extracting(MockAttachment::filename)
			.containsExactly("bin.dat", "tricky.txt", "résumé.txt", "empty.txt");
		assertThat(message.attachment("bin.dat").content()).isEqualTo(binary);
		assertThat(message.attachment("tricky.txt").content()).isEqualTo(tricky);
		assertThat(message.attachment("tricky.txt").contentType()).isEqualTo("text/plain");
		assertThat(message.attachment("résumé.txt").contentType()).isEqualTo("application/octet-stream");
		assertThat(message.attachment("empty.txt").size()).isZero();
		assertThat(message.inlines()).singleElement().satisfies(inline -> {
			assertThat(inline.filename()).isEqualTo("say \"cheese\".png");
			assertThat(inline.contentAsString()).isEqualTo("PNG");
			assertThat(inline.name()).isEqualTo("inline");
		});
	}

	@Test
	void acceptsBareLineFeedsAndIndexedAttachmentNames() {
		String body = "--xyz\nContent-Disposition: form-data; name=\"from\"\n\na@mg.example.com\n"
				+ "--xyz\nContent-Disposition: form-data; name=\"to\"\n\nb@example.com\n"
				+ "--xyz\nContent-Disposition: form-data; name=\"text\"\n\nx\n"
				+ "--xyz\nContent-Disposition: form-data; name=\"attachment[0]\"; filename=\"a.txt\"\n\nA\n"
				+ "--xyz\nContent-Disposition: form-data; name=\"attachment[1]\"; filename=\"b.txt\"\n\nB\n--xyz--\n";

		HttpResponse<String> response = this.http.post(this.http.messagesPath(), "multipart/form-data; boundary=xyz",
				body.getBytes(StandardCharsets.UTF_8));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(this.mock.lastMessage().attachments()).extracting(MockAttachment::contentAsString)
			.containsExactly("A", "B");
	}

	@Test
	void refusesBrokenMultipartBodies() {
		String truncated = "--xyz\r\nContent-Disposition: form-data; name=\"from\"\r\n\r\na@mg.example.com\r\n";
		assertError(this.http.post(this.http.messagesPath(), "multipart/form-data; boundary=xyz",
				truncated.getBytes(StandardCharsets.UTF_8)), 400,
				"malformed multipart/form-data body: missing closing boundary");
		assertError(this.http.post(this.http.messagesPath(), "multipart/form-data",
				truncated.getBytes(StandardCharsets.UTF_8)), 400,
				"malformed multipart/form-data body: no boundary in Content-Type");
		assertError(this.http.post(this.http.messagesPath(), "multipart/form-data; boundary=other",
				truncated.getBytes(StandardCharsets.UTF_8)), 400, "malformed multipart/form-data body: boundary not found");
	}

	@Test
	void treatsOtherBodiesAsCarryingNoParameters() {
		// Mailgun reads forms only: a JSON body fails on its first missing parameter.
		assertError(this.http.post(this.http.messagesPath(), "application/json",
				"{\"from\":\"a@mg.example.com\",\"to\":\"b@example.com\",\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
				400, "from parameter is missing");
	}

	@Test
	void acceptsMimeSendsKeepingTheRawMime() {
		byte[] mime = concat(("From: =?UTF-8?B?Q2Fmw6k=?= <cafe@mg.example.com>\r\n"
				+ "To: bob@example.com\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n =?UTF-8?Q?_aus_Berlin?=\r\n"
				+ "MIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8),
				new byte[] { 0, (byte) 0xff, '\r', '\n', '-', '-' });
		RawHttp.Multipart body = new RawHttp.Multipart().field("to", "bob@example.com, Secret <bcc@example.com>")
			.field("o:tag", "mime")
			.file("message", "message.mime", "message/rfc822", mime)
			.end();

		HttpResponse<String> response = this.http.post("/v3/mg.example.com/messages.mime", body);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		MockMessage message = this.mock.lastMessage();
		assertThat(response.body()).contains(message.id());
		assertThat(message.isMime()).isTrue();
		assertThat(message.rawMime()).isEqualTo(mime);
		assertThat(message.to()).containsExactly("bob@example.com", "Secret <bcc@example.com>");
		assertThat(message.from()).isEqualTo("Café <cafe@mg.example.com>");
		assertThat(message.subject()).isEqualTo("Grüße aus Berlin");
		assertThat(message.mimeHeader("mime-version")).isEqualTo("1.0");
		assertThat(message.tags()).containsExactly("mime");
		assertThat(message.text()).isNull();
		assertThat(message.attachments()).isEmpty();
	}

	@Test
	void refusesMimeSendsWithoutToOrMessage() {
		assertError(this.http.post("/v3/mg.example.com/messages.mime",
				new RawHttp.Multipart().file("message", "m.mime", "message/rfc822", "Subject: x\r\n\r\nx".getBytes(
						StandardCharsets.UTF_8)).end()),
				400, "to parameter is missing");
		assertError(this.http.post("/v3/mg.example.com/messages.mime",
				new RawHttp.Multipart().field("to", "bob@example.com").end()), 400, "message parameter is missing");
		assertError(this.http.post("/v3/mg.example.com/messages.mime",
				new RawHttp.Multipart().field("to", "bob").file("message", "m.mime", "message/rfc822", new byte[] { 'x' })
					.end()),
				400, "to parameter is not a valid address. please check documentation");
	}

	@Test
	void answersUnknownPathsAndMethodsLikeAGoRouter() {
		HttpResponse<String> unknown = this.http.get("/v3/mg.example.com/unknown");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).isEqualTo("404 page not found\n");

		HttpResponse<String> wrongMethod = this.http.get(this.http.messagesPath());
		assertThat(wrongMethod.statusCode()).isEqualTo(405);
	}

	@Test
	void returnsStoredMessagesShapedLikeMailgun() {
		RawHttp.Multipart body = new RawHttp.Multipart().field("from", "Shop <shop@mg.example.com>")
			.field("to", "Alice <alice@example.com>, bob@example.com")
			.field("cc", "carol@example.com")
			.field("subject", "Your order")
			.field("text", "It ships today.")
			.field("html", "<p>It ships today.</p>")
			.field("o:tag", "orders")
			.field("h:Reply-To", "help@example.com")
			.field("v:order-id", "42")
			.file("attachment", "invoice.pdf", "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII))
			.end();
		assertThat(this.http.post(this.http.messagesPath(), body).statusCode()).isEqualTo(200);
		MockMessage message = this.mock.lastMessage();

		HttpResponse<String> stored = this.http.get("/v3/domains/mg.example.com/messages/" + message.storageKey());

		assertThat(stored.statusCode()).isEqualTo(200);
		Map<String, Object> json = MockJson.readObject(stored.body());
		assertThat(json).containsEntry("From", "Shop <shop@mg.example.com>")
			.containsEntry("Subject", "Your order")
			.containsEntry("To", "Alice <alice@example.com>, bob@example.com")
			.containsEntry("Message-Id", message.id())
			.containsEntry("Mime-Version", "1.0")
			.containsEntry("X-Mailgun-Tag", "orders")
			.containsEntry("Reply-To", "help@example.com")
			.containsEntry("sender", "shop@mg.example.com")
			.containsEntry("recipients", "alice@example.com, bob@example.com, carol@example.com")
			.containsEntry("body-plain", "It ships today.")
			.containsEntry("body-html", "<p>It ships today.</p>")
			.containsEntry("stripped-text", "It ships today.");
		assertThat(json.get("message-headers")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.contains(List.of("Subject", "Your order"), List.of("X-Mailgun-Variables", "{\"order-id\":\"42\"}"));
		String url = message.storageUrl() + "/attachments/0";
		assertThat(json.get("attachments")).isEqualTo(List.of(Map.of("name", "invoice.pdf", "content-type",
				"application/pdf", "size", 8, "url", url)));

		HttpResponse<byte[]> attachment = this.http.getBytes(url.substring(this.mock.baseUrl().toString().length()));
		assertThat(attachment.statusCode()).isEqualTo(200);
		assertThat(attachment.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(attachment.body()).isEqualTo("%PDF-1.4".getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void answersStoredMessageLookupsThatFindNothing() {
		assertThat(sendForm("from", "a@mg.example.com", "to", "b@example.com", "text", "x").statusCode()).isEqualTo(200);
		String key = this.mock.lastMessage().storageKey();

		assertError(this.http.get("/v3/domains/mg.example.com/messages/unknown-key"), 404, "Message not found");
		assertError(this.http.get("/v3/domains/other.example.com/messages/" + key), 404,
				"Domain not found: other.example.com");
		assertThat(this.http.get("/v3/domains/mg.example.com/messages/" + key, RawHttp.basic("api", "wrong")).body())
			.isEqualTo("Forbidden");
		this.mock.reset();
		assertError(this.http.get("/v3/domains/mg.example.com/messages/" + key), 404, "Message not found");
	}

	@Test
	void returnsStoredMimeOnlyWhenAskedFor() {
		byte[] mime = "Subject: Hi\r\nFrom: a@mg.example.com\r\n\r\nHello".getBytes(StandardCharsets.UTF_8);
		assertThat(this.http.post("/v3/mg.example.com/messages.mime",
				new RawHttp.Multipart().field("to", "b@example.com").file("message", "m", "message/rfc822", mime).end())
			.statusCode()).isEqualTo(200);
		String path = "/v3/domains/mg.example.com/messages/" + this.mock.lastMessage().storageKey();

		Map<String, Object> plain = MockJson.readObject(this.http.get(path).body());
		Map<String, Object> withMime = MockJson.readObject(this.http.send(HttpRequest.newBuilder(this.http.uri(path))
			.header("Authorization", this.http.auth())
			.header("Accept", "message/rfc2822")
			.build()).body());

		assertThat(plain).containsEntry("Subject", "Hi").containsEntry("sender", "a@mg.example.com")
			.doesNotContainKey("body-mime");
		assertThat(withMime).containsEntry("body-mime", "Subject: Hi\r\nFrom: a@mg.example.com\r\n\r\nHello");
	}

	@Test
	void describesDomainsWithStateAndDnsRecords() {
		try (MailgunMockServer domains = MailgunMockServer.builder()
			.domain("mg.example.com")
			.domain(MockDomain.of("new.example.com", MockDomain.State.UNVERIFIED))
			.domain(MockDomain.of("old.example.com", MockDomain.State.DISABLED)
				.withDnsValidity(MockDomain.MockDnsRecord.Validity.UNKNOWN))
			.start()) {
			RawHttp raw = new RawHttp(domains);

			Map<String, Object> active = MockJson.readObject(raw.get("/v4/domains/mg.example.com").body());
			assertThat(active.get("domain")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("name", "mg.example.com")
				.containsEntry("state", "active")
				.containsEntry("is_disabled", false)
				.containsEntry("type", "custom")
				.containsEntry("smtp_login", "postmaster@mg.example.com")
				.containsKeys("created_at", "id", "web_scheme", "spam_action");
			assertThat(active.get("sending_dns_records")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
				.hasSize(3)
				.contains(Map.of("is_active", true, "cached", List.of("v=spf1 include:mailgun.org ~all"), "name",
						"mg.example.com", "record_type", "TXT", "valid", "valid", "value",
						"v=spf1 include:mailgun.org ~all"));
			assertThat(active.get("receiving_dns_records"))
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
				.hasSize(2)
				.allSatisfy(item -> assertThat(item).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
					.containsEntry("record_type", "MX")
					.containsEntry("priority", "10"));

			Map<String, Object> unverified = MockJson.readObject(raw.get("/v4/domains/new.example.com").body());
			assertThat(unverified.get("domain")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("state", "unverified")
				.containsEntry("is_disabled", false);
			assertThat(unverified.get("sending_dns_records"))
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
				.allSatisfy(item -> assertThat(item).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
					.containsEntry("valid", "invalid")
					.containsEntry("cached", List.of()));

			Map<String, Object> disabled = MockJson.readObject(raw.get("/v4/domains/old.example.com").body());
			assertThat(disabled.get("domain")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("state", "disabled")
				.containsEntry("is_disabled", true);
			assertThat(disabled.get("receiving_dns_records"))
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
				.allSatisfy(item -> assertThat(item).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
					.containsEntry("valid", "unknown"));

			assertError(raw.get("/v4/domains/missing.example.com"), 404, "Domain not found");
		}
	}

	@Test
	void changesDomainsAtRuntimeUntilReset() {
		this.mock.putDomain(MockDomain.of("mg.example.com", MockDomain.State.DISABLED));
		this.mock.putDomain(MockDomain.of("sandbox123.mailgun.org"));

		assertThat(MockJson.readObject(this.http.get("/v4/domains/mg.example.com").body()).get("domain"))
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("state", "disabled");
		assertThat(MockJson.readObject(this.http.get("/v4/domains/sandbox123.mailgun.org").body()).get("domain"))
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("type", "sandbox");

		this.mock.reset();

		assertThat(MockJson.readObject(this.http.get("/v4/domains/mg.example.com").body()).get("domain"))
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("state", "active");
		assertThat(this.http.get("/v4/domains/sandbox123.mailgun.org").statusCode()).isEqualTo(404);
		this.mock.removeDomain("mg.example.com");
		assertThat(sendForm("from", "a@mg.example.com", "to", "b@example.com", "text", "x").statusCode()).isEqualTo(404);
	}

	@Test
	void answersQueuedFaultsInsteadAndCountsButDoesNotRecordThem() {
		this.mock.failNext(2, MockFault.serverError()).failNext(MockFault.status(400, "custom {domain}"));

		assertError(sendForm("from", "a@mg.example.com", "to", "b@example.com", "text", "x"), 500,
				"Internal Server Error");
		// Faults apply to any endpoint, even to a request that would be refused otherwise.
		assertError(this.http.get("/v4/domains/mg.example.com", RawHttp.basic("api", "wrong")), 500,
				"Internal Server Error");
		// Unknown paths do not use faults up.
		assertThat(this.http.get("/nowhere").statusCode()).isEqualTo(404);
		assertError(sendForm("from", "a@mg.example.com", "to", "b@example.com", "text", "x"), 400,
				"custom mg.example.com");
		assertThat(sendForm("from", "a@mg.example.com", "to", "b@example.com", "text", "x").statusCode()).isEqualTo(200);

		assertThat(this.mock.requestCount()).isEqualTo(5);
		assertThat(this.mock.sentMessages()).hasSize(1);
		assertThat(this.mock.requests()).extracting(MockRequest::status).containsExactly(500, 500, 404, 400, 200);
	}

	@Test
	void answersRateLimitsLikeMailgunWithOptionalHeaders() {
		this.mock.failNext(MockFault.rateLimited(java.time.Duration.ofSeconds(2)))
			.failNext(MockFault.rateLimited(java.time.Duration.ofMillis(1500)).withRetryAfterHeader()
				.withRateLimitResetHeader());

		HttpResponse<String> first = sendForm("from", "a@mg.example.com", "to", "b@example.com", "text", "x");
		long before = System.currentTimeMillis();
		HttpResponse<String> second = sendForm("from", "a@mg.example.com", "to", "b@example.com", "text", "x");

		assertError(first, 429, "Domain mg.example.com is not allowed to send: account-requests-per-sec limit exceeded,"
				+ " try again after 2 seconds");
		assertThat(first.headers().firstValue("Retry-After")).isEmpty();
		assertThat(first.headers().firstValue("X-RateLimit-Reset")).isEmpty();
		assertError(second, 429, "Domain mg.example.com is not allowed to send: account-requests-per-sec limit exceeded,"
				+ " try again after 1.5 seconds");
		assertThat(second.headers().firstValue("Retry-After")).hasValue("2");
		double reset = Double.parseDouble(second.headers().firstValue("X-RateLimit-Reset").orElseThrow());
		assertThat(reset * 1000).isGreaterThan(before + 1000);
		assertThat(MockFault.rateLimited().body()).contains("try again after 1 seconds");
	}

	@Test
	void acceptsConcurrentSends() {
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			HttpRequest request = HttpRequest.newBuilder(this.http.uri(this.http.messagesPath()))
				.header("Authorization", this.http.auth())
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(
						RawHttp.urlEncoded("from", "a@mg.example.com", "to", "user" + i + "@example.com", "text", "x")))
				.build();
			responses.add(this.http.client().sendAsync(request, HttpResponse.BodyHandlers.ofString()));
		}
		responses.forEach(response -> assertThat(response.join().statusCode()).isEqualTo(200));

		assertThat(this.mock.requestCount()).isEqualTo(20);
		assertThat(this.mock.sentMessages()).hasSize(20);
		assertThat(this.mock.sentMessages()).extracting(MockMessage::id).doesNotHaveDuplicates();
		assertThat(this.mock.sentMessages()).flatExtracting(MockMessage::to).hasSize(20).doesNotHaveDuplicates();
	}

	private static byte[] concat(byte[]... arrays) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (byte[] array : arrays) {
			out.writeBytes(array);
		}
		return out.toByteArray();
	}

}
