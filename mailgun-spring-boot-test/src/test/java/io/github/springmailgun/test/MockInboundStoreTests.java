package io.github.springmailgun.test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code store(notify=...)} routes: the mock stores the received message where the stored-message API
 * serves it, and posts Mailgun's store-notify form to the notify URL, with {@code message-url} and the
 * attachments as a JSON list of links instead of files. The notify URL is an OkHttp {@link MockWebServer}.
 */
class MockInboundStoreTests {

	private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

	@StartStop
	private final MockWebServer receiver = new MockWebServer();

	private final MailgunMockServer mock = MailgunMockServer.builder()
		.domain("mg.example.com")
		.domain("other.example.com")
		.clock(MockClock.manual(START))
		.start();

	private final RawHttp http = new RawHttp(this.mock);

	private static final byte[] LOG = "line 1\n".getBytes(StandardCharsets.UTF_8);

	private static final byte[] LOGO = { (byte) 0x89, 'P', 'N', 'G', 0, 1 };

	private MockInboundMessage message() {
		return MockInboundMessage.builder("Jane <jane@example.com>", "support@mg.example.com")
			.subject("Keep it")
			.text("Hello")
			.html("<p>Hello <img src=\"cid:logo\"></p>")
			.attachment("log.txt", "text/plain", LOG)
			.inline("logo", "logo.png", "image/png", LOGO)
			.build();
	}

	@Test
	void postsTheStoreNotifyFormWithTheStoredMessagesUrl() throws Exception {
		this.receiver.enqueue(new MockResponse.Builder().code(200).build());
		String notify = this.receiver.url("/notify").toString();
		MockRoute route = this.mock.inboundRoutes()
			.create(0, "keep", "match_recipient(\"support@.*\")", List.of("store(notify=\"" + notify + "\")"));

		this.mock.receive(message());
		this.mock.clock().advance(Duration.ZERO);

		MockStoredMessage stored = this.mock.inbound().storedMessages().get(0);
		assertThat(stored.domain()).isEqualTo("mg.example.com");
		assertThat(stored.url()).isEqualTo(URI.create(this.mock.baseUrl() + "/v3/domains/mg.example.com/messages/"
				+ stored.storageKey()));
		assertThat(stored.storedAt()).isEqualTo(START);
		assertThat(stored.message().subject()).isEqualTo("Keep it");
		assertThat(this.mock.inbound().deliveries()).singleElement().satisfies((delivery) -> {
			assertThat(delivery.routeId()).isEqualTo(route.id());
			assertThat(delivery.target()).isEqualTo(notify);
			assertThat(delivery.status()).isEqualTo(200);
		});
		RecordedRequest request = this.receiver.takeRequest();
		FormData form = FormData.parse(request.getHeaders().get("Content-Type"), request.getBody().toByteArray());
		// No files: the attachments are links, in a JSON list.
		assertThat(form.files()).isEmpty();
		assertThat(form.first("message-url")).isEqualTo(stored.url().toString());
		assertThat(form.first("domain")).isEqualTo("mg.example.com");
		assertThat(form.first("recipient")).isEqualTo("support@mg.example.com");
		assertThat(form.first("sender")).isEqualTo("jane@example.com");
		assertThat(form.first("from")).isEqualTo("Jane <jane@example.com>");
		assertThat(form.first("subject")).isEqualTo("Keep it");
		assertThat(form.first("body-plain")).isEqualTo("Hello");
		assertThat(form.fields()).containsKeys("stripped-text", "stripped-html", "stripped-signature", "message-headers",
				"timestamp", "token", "signature");
		assertThat(MockJson.readArray(form.first("attachments"))).containsExactly(
				Map.of("url", stored.url() + "/attachments/0", "content-type", "text/plain", "name", "log.txt", "size",
						LOG.length),
				Map.of("url", stored.url() + "/attachments/1", "content-type", "image/png", "name", "logo.png", "size",
						LOGO.length));
		assertThat(MockJson.readObject(form.first("content-id-map")))
			.containsOnlyKeys("<logo>")
			.extractingByKey("<logo>")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("url", stored.url() + "/attachments/1");
	}

	@Test
	void theStoredMessageAndItsAttachmentsAreServedByTheStoredMessageApi() {
		this.mock.inboundRoutes().create(0, "keep", "catch_all()", List.of("store()"));

		this.mock.receive(message());

		MockStoredMessage stored = this.mock.inbound().storedMessages().get(0);
		String path = stored.url().getRawPath();
		HttpResponse<String> answer = this.http.get(path);
		assertThat(answer.statusCode()).isEqualTo(200);
		Map<String, Object> json = MockJson.readObject(answer.body());
		assertThat(json).containsEntry("From", "Jane <jane@example.com>")
			.containsEntry("Subject", "Keep it")
			.containsEntry("sender", "jane@example.com")
			.containsEntry("recipients", "support@mg.example.com")
			.containsEntry("body-plain", "Hello")
			.containsEntry("body-html", "<p>Hello <img src=\"cid:logo\"></p>");
		assertThat((List<?>) json.get("attachments")).hasSize(2);
		HttpResponse<byte[]> file = this.http.getBytes(path + "/attachments/1");
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(file.body()).isEqualTo(LOGO);
		// Another domain's path does not serve it.
		assertThat(this.http.get(path.replace("mg.example.com", "other.example.com")).statusCode()).isEqualTo(404);
		// Nothing was posted, and nothing was sent.
		this.mock.clock().advance(Duration.ofHours(1));
		assertThat(this.mock.inbound().deliveries()).isEmpty();
		assertThat(this.receiver.getRequestCount()).isZero();
		assertThat(this.mock.sentMessages()).isEmpty();
	}

	@Test
	void resetForgetsStoredMessages() {
		this.mock.inboundRoutes().create(0, "keep", "catch_all()", List.of("store()"));
		this.mock.receive(message());
		String path = this.mock.inbound().storedMessages().get(0).url().getRawPath();

		this.mock.reset();

		assertThat(this.mock.inbound().storedMessages()).isEmpty();
		assertThat(this.http.get(path).statusCode()).isEqualTo(404);
	}

	@org.junit.jupiter.api.AfterEach
	void close() {
		this.mock.close();
	}

}
