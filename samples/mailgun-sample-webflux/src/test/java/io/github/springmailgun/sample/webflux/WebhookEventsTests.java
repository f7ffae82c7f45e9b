package io.github.springmailgun.sample.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.springmailgun.event.DeliveredEvent;
import io.github.springmailgun.event.EventType;
import io.github.springmailgun.test.autoconfigure.AutoConfigureMailgunMock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mailgun posts a signed "delivered" event to the sample; the listener receives it typed. A forged one
 * is refused with 406 and never reaches the listener.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "mailgun.webhooks.signing-key=sample-signing-key")
@AutoConfigureMailgunMock
class WebhookEventsTests {

	@Autowired
	DeliveryEventListener listener;

	@LocalServerPort
	int port;

	private int post(String key) throws Exception {
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		String token = UUID.randomUUID().toString().replace("-", "");
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)));
		String body = """
				{"signature":{"timestamp":"%s","token":"%s","signature":"%s"},
				 "event-data":{"event":"delivered","id":"ev-1","timestamp":%s,"recipient":"alice@example.com",
				   "message":{"headers":{"message-id":"20261128.1.ABC@mg.example.com","subject":"Welcome"}},
				   "delivery-status":{"code":250,"message":"OK"}}}
				""".formatted(timestamp, token, signature, timestamp);
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/mailgun/webhooks"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	@Test
	void signedEventReachesTheListenerAndAForgedOneDoesNot() throws Exception {
		int before = this.listener.recent().size();
		assertThat(post("sample-signing-key")).isEqualTo(200);
		assertThat(this.listener.recent()).hasSize(before + 1).last().satisfies(webhook -> {
			assertThat(webhook.type()).isEqualTo(EventType.DELIVERED);
			assertThat(webhook.event()).isInstanceOf(DeliveredEvent.class);
			assertThat(webhook.event().recipient()).isEqualTo("alice@example.com");
		});
		assertThat(post("forged-key")).isEqualTo(406);
		assertThat(this.listener.recent()).hasSize(before + 1);
	}

}
