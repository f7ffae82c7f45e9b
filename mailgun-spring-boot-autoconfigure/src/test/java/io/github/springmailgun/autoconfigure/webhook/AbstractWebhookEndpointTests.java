package io.github.springmailgun.autoconfigure.webhook;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.event.DeliveredEvent;
import io.github.springmailgun.event.EventType;
import io.github.springmailgun.event.FailedEvent;
import io.github.springmailgun.event.FailureSeverity;
import io.github.springmailgun.webhook.LegacyWebhook;
import io.github.springmailgun.webhook.MailgunWebhookEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static io.github.springmailgun.autoconfigure.webhook.SignedWebhooks.PARENT_SIGNING_KEY;
import static io.github.springmailgun.autoconfigure.webhook.SignedWebhooks.SIGNING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Mailgun and an attacker see of the webhook endpoint, over HTTP: real payloads, signed as Mailgun
 * signs them, posted to a running application. Run once per web stack by the subclasses.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "mailgun.webhooks.signing-key=" + SIGNING_KEY,
		"mailgun.webhooks.parent-signing-key=" + PARENT_SIGNING_KEY, "mailgun.webhooks.trust-every-subaccount=true",
		"mailgun.webhooks.max-body-size=16KB",
		"logging.level.io.github.springmailgun=DEBUG" })
public abstract class AbstractWebhookEndpointTests {

	private static final String PATH = "/mailgun/webhooks";

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Autowired
	WebhookRecorder recorder;

	@BeforeEach
	void reset() {
		this.recorder.reset();
	}

	/**
	 * Checks the thread a listener ran on.
	 * @param thread the thread name
	 */
	protected abstract void assertListenerThread(String thread);

	@Test
	void deliveredEventReachesTheListenerTyped() throws Exception {
		String token = SignedWebhooks.token();
		String body = SignedWebhooks.json("delivered.json", SIGNING_KEY, token);

		assertThat(postJson(body).statusCode()).isEqualTo(200);

		assertThat(this.recorder.events).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo(EventType.DELIVERED);
			assertThat(event.event()).isInstanceOfSatisfying(DeliveredEvent.class, (delivered) -> {
				assertThat(delivered.id()).isEqualTo("hK7mQVt1QtqRiOfQXta4sw");
				assertThat(delivered.recipient()).isEqualTo("john@example.com");
				assertThat(delivered.messageId()).isEqualTo("20180622182958.1.48906CB188F1A454@exmple.org");
				assertThat(delivered.timestamp()).isEqualTo(Instant.ofEpochSecond(1529692199, 626182000));
				assertThat(delivered.deliveryStatus()).isNotNull();
				assertThat(delivered.deliveryStatus().code()).isEqualTo(250);
			});
			assertThat(event.verification().token()).isEqualTo(token);
			assertThat(event.verification().signedByParent()).isFalse();
			assertThat(event.json()).isEqualTo(body);
		});
		assertThat(this.recorder.threads).singleElement().satisfies(this::assertListenerThread);
	}

	@Test
	void failedEventReachesTheListenerTyped() throws Exception {
		String body = SignedWebhooks.json("failed-temporary.json", SIGNING_KEY, SignedWebhooks.token());

		assertThat(postJson(body).statusCode()).isEqualTo(200);

		assertThat(this.recorder.events).singleElement()
			.satisfies((event) -> assertThat(event.event()).isInstanceOfSatisfying(FailedEvent.class,
					(failed) -> assertThat(failed.severity()).isEqualTo(FailureSeverity.TEMPORARY)));
	}

	@Test
	void badSignatureIsRejectedWith406AndNotPublished(CapturedOutput output) throws Exception {
		String body = SignedWebhooks.json("delivered.json", "not-the-signing-key", SignedWebhooks.token());

		assertThat(postJson(body).statusCode()).isEqualTo(406);

		assertThat(this.recorder.threads).isEmpty();
		assertThat(output).contains("Mailgun webhook signature matches neither").doesNotContain(SIGNING_KEY).doesNotContain(PARENT_SIGNING_KEY);
	}

	@Test
	void staleTimestampIsRejectedWith406() throws Exception {
		String body = SignedWebhooks.json("delivered.json", SIGNING_KEY,
				SignedWebhooks.timestamp(Duration.ofHours(-10)), SignedWebhooks.token());

		assertThat(postJson(body).statusCode()).isEqualTo(406);
		assertThat(this.recorder.threads).isEmpty();
	}

	@Test
	void validlySignedTimestampFarAheadAnswers503SoThatMailgunRetries(CapturedOutput output) throws Exception {
		// The signature is checked first, so this is Mailgun's: this machine's clock is behind, not the sender.
		String body = SignedWebhooks.json("delivered.json", SIGNING_KEY, SignedWebhooks.timestamp(Duration.ofHours(1)),
				SignedWebhooks.token());

		assertThat(postJson(body).statusCode()).isEqualTo(503);
		assertThat(this.recorder.threads).isEmpty();
		assertThat(output).contains("WARN").contains("ahead of this clock").containsPattern("PT(59M5\\d|1H)");

		String forged = SignedWebhooks.json("delivered.json", "not-the-signing-key",
				SignedWebhooks.timestamp(Duration.ofHours(1)), SignedWebhooks.token());
		assertThat(postJson(forged).statusCode()).isEqualTo(406);
	}

	@Test
	void replayOfAnAcceptedTokenIsRejectedWith406() throws Exception {
		String body = SignedWebhooks.json("delivered.json", SIGNING_KEY, SignedWebhooks.token());
		assertThat(postJson(body).statusCode()).isEqualTo(200);

		assertThat(postJson(body).statusCode()).isEqualTo(406);

		// The signature does not cover event-data: the same signature block with another event is a replay.
		String forged = body.replace("john@example.com", "mallory@example.com");
		assertThat(postJson(forged).statusCode()).isEqualTo(406);
		assertThat(this.recorder.events).hasSize(1);
	}

	@Test
	void malformedBodiesAreRejectedWith400() throws Exception {
		assertThat(postJson("{\"signature\": {\"timestamp\": ").statusCode()).isEqualTo(400);
		assertThat(postJson("[1, 2, 3]").statusCode()).isEqualTo(400);
		assertThat(postJson("").statusCode()).isEqualTo(400);
		assertThat(postJson("{\"event-data\": {\"event\": \"delivered\"}}").statusCode()).isEqualTo(400);
		String token = SignedWebhooks.token();
		String timestamp = SignedWebhooks.timestamp(Duration.ZERO);
		Map<String, Object> signature = new LinkedHashMap<>();
		signature.put("timestamp", timestamp);
		signature.put("token", token);
		signature.put("signature", SignedWebhooks.sign(SIGNING_KEY, timestamp, token));
		String noEventName = SignedWebhooks.withSignature("delivered.json", signature).replace("\"event\":\"delivered\",", "");
		assertThat(postJson(noEventName).statusCode()).isEqualTo(400);
		assertThat(post(BodyPublishers.ofString("\u00ff\u00fe garbage", StandardCharsets.ISO_8859_1), "application/json")
			.statusCode()).isEqualTo(400);

		assertThat(this.recorder.threads).isEmpty();
	}

	@Test
	void oversizedBodyIsRejectedWith413WithOrWithoutALength() throws Exception {
		String body = SignedWebhooks.json("delivered.json", SIGNING_KEY, SignedWebhooks.token())
			.replace("\"log-level\"", "\"padding\":\"" + "x".repeat(20 * 1024) + "\",\"log-level\"");

		assertThat(postJson(body).statusCode()).isEqualTo(413);
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		// A publisher from a stream has no known length: the body arrives chunked and is cut at the limit.
		assertThat(post(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)), "application/json")
			.statusCode()).isEqualTo(413);
		assertThat(this.recorder.threads).isEmpty();
	}

	@Test
	void listenerFailureAnswers500AndTheRetryIsAccepted() throws Exception {
		String body = SignedWebhooks.json("delivered.json", SIGNING_KEY, SignedWebhooks.token());
		this.recorder.failing = true;

		assertThat(postJson(body).statusCode()).isEqualTo(500);
		assertThat(this.recorder.events).isEmpty();

		// Mailgun retries with the same body: the token was not marked, so the retry goes through, once.
		this.recorder.failing = false;
		assertThat(postJson(body).statusCode()).isEqualTo(200);
		assertThat(this.recorder.events).hasSize(1);
		assertThat(postJson(body).statusCode()).isEqualTo(406);
		assertThat(this.recorder.threads).hasSize(2);
	}

	@Test
	void legacyFormWebhookIsPublished() throws Exception {
		String token = SignedWebhooks.token();
		String form = SignedWebhooks.legacyForm(SIGNING_KEY, token);

		assertThat(post(BodyPublishers.ofString(form), "application/x-www-form-urlencoded").statusCode()).isEqualTo(200);

		assertThat(this.recorder.legacyEvents).singleElement().satisfies((event) -> {
			LegacyWebhook webhook = event.webhook();
			assertThat(webhook.event()).isEqualTo("delivered");
			assertThat(webhook.recipient()).isEqualTo("alice@example.com");
			assertThat(webhook.messageId()).isEqualTo("<20130503182626.18666.16540@example.com>");
			assertThat(webhook.fields().get("my-var")).isEqualTo(List.of("a b", "c"));
			assertThat(event.verification().token()).isEqualTo(token);
		});
		assertThat(post(BodyPublishers.ofString(form), "application/x-www-form-urlencoded; charset=UTF-8").statusCode())
			.isEqualTo(406);
		String badSignature = SignedWebhooks.legacyForm("not-the-signing-key", SignedWebhooks.token());
		assertThat(post(BodyPublishers.ofString(badSignature), "application/x-www-form-urlencoded").statusCode())
			.isEqualTo(406);
		assertThat(post(BodyPublishers.ofString("event=delivered"), "application/x-www-form-urlencoded").statusCode())
			.isEqualTo(400);
		assertThat(this.recorder.legacyEvents).hasSize(1);
	}

	@Test
	void legacyFormAlreadyReadByAFilterIsPublished() throws Exception {
		String form = SignedWebhooks.legacyForm(SIGNING_KEY, SignedWebhooks.token());
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + PATH))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-Read-Form", "true")
			.POST(BodyPublishers.ofString(form))
			.build();

		assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

		assertThat(this.recorder.legacyEvents).singleElement()
			.satisfies((event) -> assertThat(event.webhook().recipient()).isEqualTo("alice@example.com"));
	}

	@Test
	void parentSignatureOfASubaccountIsAccepted() throws Exception {
		String token = SignedWebhooks.token();
		String timestamp = SignedWebhooks.timestamp(Duration.ZERO);
		Map<String, Object> signature = new LinkedHashMap<>();
		signature.put("timestamp", timestamp);
		signature.put("token", token);
		// Signed with the subaccount's own key, which this application does not know.
		signature.put("signature", SignedWebhooks.sign("subaccount-key", timestamp, token));
		signature.put("parent-signature", SignedWebhooks.sign(PARENT_SIGNING_KEY, timestamp, token));

		assertThat(postJson(SignedWebhooks.withSignature("delivered.json", signature)).statusCode()).isEqualTo(200);

		assertThat(this.recorder.events).singleElement()
			.satisfies((event) -> assertThat(event.verification().signedByParent()).isTrue());
	}

	@Test
	void multipartBodyIsRejectedWith415() throws Exception {
		String multipart = "--b\r\nContent-Disposition: form-data; name=\"event\"\r\n\r\ndelivered\r\n--b--\r\n";

		assertThat(post(BodyPublishers.ofString(multipart), "multipart/form-data; boundary=b").statusCode())
			.isEqualTo(415);
		assertThat(this.recorder.threads).isEmpty();
	}

	@Test
	void secretsNeverReachTheLogs(CapturedOutput output) throws Exception {
		String token = SignedWebhooks.token();
		String timestamp = SignedWebhooks.timestamp(Duration.ZERO);
		Map<String, Object> signature = new LinkedHashMap<>();
		signature.put("timestamp", timestamp);
		signature.put("token", token);
		signature.put("signature", SignedWebhooks.sign(SIGNING_KEY, timestamp, token));
		String body = SignedWebhooks.withSignature("delivered.json", signature);
		this.recorder.failing = true;
		assertThat(postJson(body).statusCode()).isEqualTo(500);
		this.recorder.failing = false;
		assertThat(postJson(body).statusCode()).isEqualTo(200);
		assertThat(postJson(body).statusCode()).isEqualTo(406);

		assertThat(output).contains("Database is down", "Published MailgunWebhookEvent")
			.doesNotContain(SIGNING_KEY)
			.doesNotContain(PARENT_SIGNING_KEY)
			.doesNotContain((String) signature.get("signature"));
	}

	private HttpResponse<String> postJson(String body) throws Exception {
		return post(BodyPublishers.ofString(body), "application/json");
	}

	private HttpResponse<String> post(BodyPublisher body, String contentType) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + PATH))
			.header("Content-Type", contentType)
			.POST(body)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
