package io.github.springmailgun.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.webhook.DomainWebhookType;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Events posted to webhook URLs as Mailgun posts them: the signed JSON body, the retries on Mailgun's
 * schedule (on a manual clock, so the test moves time instead of waiting), no retry after 406, and the
 * record of every attempt. The URL is an OkHttp {@link MockWebServer}.
 */
class MockWebhookDeliveryTests {

	private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

	@StartStop
	private final MockWebServer receiver = new MockWebServer();

	private static MockEvent event(String id, String type, @Nullable String severity, String domain, Instant at) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("event", type);
		data.put("id", id);
		data.put("timestamp", at.getEpochSecond() + at.getNano() / 1e9);
		data.put("log-level", "info");
		if (severity != null) {
			data.put("severity", severity);
			data.put("reason", "bounce");
		}
		data.put("recipient", "alice@example.com");
		data.put("recipient-domain", "example.com");
		data.put("envelope", Map.of("sender", "shop@" + domain, "targets", "alice@example.com", "transport", "smtp"));
		data.put("delivery-status", Map.of("code", (severity != null) ? 550 : 250, "message", "OK",
				"attempt-no", 1, "description", ""));
		data.put("message", Map.of("headers", Map.of("to", "alice@example.com", "message-id", "20260301.1@" + domain,
				"from", "shop@" + domain, "subject", "Your order"), "attachments", List.of(), "size", 586));
		data.put("tags", List.of("orders"));
		data.put("user-variables", Map.of("order-id", "42"));
		return new MockEvent(id, type, severity, domain, "alice@example.com", "20260301.1@" + domain, at, data);
	}

	private static MockEvent delivered(MailgunMockServer mock, String id) {
		return event(id, "delivered", null, mock.domain(), mock.clock().now());
	}

	private static void register(MailgunMockServer mock, String url, DomainWebhookType... types) {
		new MailgunTemplate(MailgunClientSettings.builder(mock.apiKey(), mock.domain()).baseUrl(mock.baseUrl()).build())
			.webhooks()
			.createForEvents(url, List.of(types))
			.block();
	}

	private static MailgunMockServer manual() {
		return MailgunMockServer.builder().clock(MockClock.manual(START)).start();
	}

	private void answer(int... statuses) {
		for (int status : statuses) {
			this.receiver.enqueue(new MockResponse.Builder().code(status).build());
		}
	}

	@Test
	void postsTheEventSignedWithTheSigningKey() throws Exception {
		answer(200);
		try (MailgunMockServer mock = MailgunMockServer.builder().webhookSigningKey("key-9d4f1e").start()) {
			String url = this.receiver.url("/mailgun/webhooks").toString();
			register(mock, url, DomainWebhookType.DELIVERED);
			MockEvent event = delivered(mock, "evt-1");

			mock.events().publish(event);

			RecordedRequest request = this.receiver.takeRequest(5, TimeUnit.SECONDS);
			assertThat(request).isNotNull();
			assertThat(request.getMethod()).isEqualTo("POST");
			assertThat(request.getUrl().encodedPath()).isEqualTo("/mailgun/webhooks");
			assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
			Map<String, Object> body = MockJson.readObject(request.getBody().utf8());
			assertThat(body).containsOnlyKeys("signature", "event-data");
			assertThat(body.get("event-data")).isEqualTo(MockJson.readObject(event.json()));
			@SuppressWarnings("unchecked")
			Map<String, Object> signature = (Map<String, Object>) body.get("signature");
			String timestamp = (String) signature.get("timestamp");
			String token = (String) signature.get("token");
			assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), within(5L));
			assertThat(token).hasSize(50);
			// Recomputed here as a receiver would: hex(HMAC-SHA256(key, timestamp + token)).
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec("key-9d4f1e".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			assertThat(signature.get("signature"))
				.isEqualTo(HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8))));

			assertThat(mock.webhooks().awaitDeliveries(1, Duration.ofSeconds(5))).singleElement().satisfies(delivery -> {
				assertThat(delivery.url()).isEqualTo(url);
				assertThat(delivery.webhook()).isEqualTo("delivered");
				assertThat(delivery.eventId()).isEqualTo("evt-1");
				assertThat(delivery.attempt()).isEqualTo(1);
				assertThat(delivery.status()).isEqualTo(200);
				assertThat(delivery.delivered()).isTrue();
			});
		}
	}

	@Test
	void postsOnlyToTheWebhookOfTheEventAndItsDomain() throws Exception {
		try (MailgunMockServer mock = manual()) {
			String url = this.receiver.url("/").toString();
			register(mock, url + "perm", DomainWebhookType.PERMANENT_FAIL);
			register(mock, url + "temp", DomainWebhookType.TEMPORARY_FAIL);
			register(mock, url + "acc", DomainWebhookType.ACCEPTED);
			answer(200, 200, 200);

			mock.events().publish(event("e1", "failed", "permanent", mock.domain(), START));
			mock.events().publish(event("e2", "failed", "temporary", mock.domain(), START));
			mock.events().publish(event("e3", "accepted", null, mock.domain(), START));
			mock.events().publish(event("e4", "delivered", null, mock.domain(), START));
			mock.events().publish(event("e5", "stored", null, mock.domain(), START));
			mock.events().publish(event("e6", "accepted", null, "other.example.com", START));
			// Never in the thread that published: on a manual clock, at the next advance.
			assertThat(this.receiver.getRequestCount()).isZero();
			mock.clock().advance(Duration.ZERO);

			assertThat(mock.webhooks().deliveries()).extracting(d -> d.eventId() + " " + d.webhook() + " " + d.url())
				.containsExactly("e1 permanent_fail " + url + "perm", "e2 temporary_fail " + url + "temp",
						"e3 accepted " + url + "acc");
			assertThat(this.receiver.getRequestCount()).isEqualTo(3);
		}
	}

	@Test
	void retriesOnMailgunsScheduleUntilA2xx() throws Exception {
		answer(500, 503, 200);
		try (MailgunMockServer mock = manual()) {
			register(mock, this.receiver.url("/hooks").toString(), DomainWebhookType.DELIVERED);
			mock.events().publish(delivered(mock, "evt-retry"));

			mock.clock().advance(Duration.ZERO);
			assertThat(mock.webhooks().deliveries()).extracting(MockWebhookDelivery::status).containsExactly(500);
			mock.clock().advance(Duration.ofMinutes(4));
			assertThat(mock.webhooks().deliveries()).hasSize(1);
			mock.clock().advance(Duration.ofMinutes(1));
			assertThat(mock.webhooks().deliveries()).hasSize(2);
			mock.clock().advance(Duration.ofHours(10));

			assertThat(mock.webhooks().deliveries())
				.extracting(MockWebhookDelivery::attempt, MockWebhookDelivery::at, MockWebhookDelivery::status)
				.containsExactly(tuple(1, START, 500),
						tuple(2, START.plus(Duration.ofMinutes(5)), 503),
						tuple(3, START.plus(Duration.ofMinutes(15)), 200));
			assertThat(mock.clock().pendingTasks()).isZero();
			// Each retry is the same request, signature included, as Mailgun's are.
			String first = this.receiver.takeRequest().getBody().utf8();
			assertThat(this.receiver.takeRequest().getBody().utf8()).isEqualTo(first);
			assertThat(this.receiver.takeRequest().getBody().utf8()).isEqualTo(first);
		}
	}

	@Test
	void doesNotRetryA406() {
		answer(406);
		try (MailgunMockServer mock = manual()) {
			register(mock, this.receiver.url("/hooks").toString(), DomainWebhookType.DELIVERED);
			mock.events().publish(delivered(mock, "evt-406"));

			mock.clock().advance(Duration.ofHours(10));

			assertThat(mock.webhooks().deliveries()).singleElement().satisfies(delivery -> {
				assertThat(delivery.status()).isEqualTo(406);
				assertThat(delivery.rejected()).isTrue();
				assertThat(delivery.delivered()).isFalse();
			});
			assertThat(this.receiver.getRequestCount()).isEqualTo(1);
		}
	}

	@Test
	void retriesARefusedConnectionThroughTheWholeScheduleThenGivesUp() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		try (MailgunMockServer mock = manual()) {
			register(mock, "http://127.0.0.1:" + closedPort + "/hooks", DomainWebhookType.DELIVERED);
			mock.events().publish(delivered(mock, "evt-refused"));

			mock.clock().advance(Duration.ZERO);
			assertThat(mock.webhooks().deliveries()).singleElement().satisfies(delivery -> {
				assertThat(delivery.status()).isZero();
				assertThat(delivery.error()).contains("ConnectException");
			});
			mock.clock().advance(Duration.ofHours(24));

			// The first post and Mailgun's six retries, 5 min, 10 min, 15 min, 1 h, 2 h and 4 h apart.
			assertThat(mock.webhooks().deliveries()).extracting(MockWebhookDelivery::at)
				.containsExactly(START, START.plusSeconds(300), START.plusSeconds(900), START.plusSeconds(1800),
						START.plusSeconds(5400), START.plusSeconds(12600), START.plusSeconds(27000));
			assertThat(mock.webhooks().deliveries()).extracting(MockWebhookDelivery::attempt)
				.containsExactly(1, 2, 3, 4, 5, 6, 7);
			assertThat(mock.clock().pendingTasks()).isZero();
		}
	}

	@Test
	void retriesWithinSecondsOnTheSystemClock() {
		answer(500, 200);
		try (MailgunMockServer mock = MailgunMockServer.start()) {
			register(mock, this.receiver.url("/hooks").toString(), DomainWebhookType.DELIVERED);
			mock.events().publish(delivered(mock, "evt-fast"));

			List<MockWebhookDelivery> deliveries = mock.webhooks().awaitDeliveries(2, Duration.ofSeconds(10));

			assertThat(deliveries).extracting(MockWebhookDelivery::status).containsExactly(500, 200);
			// 5 minutes compressed 3600 times: 83 ms.
			assertThat(Duration.between(deliveries.get(0).at(), deliveries.get(1).at()))
				.isBetween(Duration.ofMillis(80), Duration.ofSeconds(5));
		}
	}

	@Test
	void resetDropsTheRetriesNotYetDue() {
		answer(500);
		try (MailgunMockServer mock = manual()) {
			register(mock, this.receiver.url("/hooks").toString(), DomainWebhookType.DELIVERED);
			mock.events().publish(delivered(mock, "evt-reset"));
			mock.clock().advance(Duration.ZERO);
			assertThat(mock.webhooks().deliveries()).hasSize(1);

			mock.reset();
			mock.clock().advance(Duration.ofHours(10));

			assertThat(mock.webhooks().deliveries()).isEmpty();
			assertThat(this.receiver.getRequestCount()).isEqualTo(1);
		}
	}

	@Test
	void controlEndpointListsTheAttempts() {
		answer(502, 200);
		try (MailgunMockServer mock = manual()) {
			String url = this.receiver.url("/hooks").toString();
			register(mock, url, DomainWebhookType.DELIVERED);
			mock.events().publish(delivered(mock, "evt-control"));
			mock.clock().advance(Duration.ofMinutes(5));

			// No API key: the container's tests read it as they read the outbox.
			HttpResponse<String> response = new RawHttp(mock).get("/mock/webhooks/deliveries", null);

			assertThat(response.statusCode()).isEqualTo(200);
			Map<String, Object> first = new LinkedHashMap<>();
			first.put("url", url);
			first.put("webhook", "delivered");
			first.put("event-id", "evt-control");
			first.put("attempt", 1);
			first.put("at", START.toString());
			first.put("status", 502);
			first.put("error", null);
			Map<String, Object> second = new LinkedHashMap<>(first);
			second.put("attempt", 2);
			second.put("at", START.plusSeconds(300).toString());
			second.put("status", 200);
			assertThat(MockJson.readObject(response.body())).isEqualTo(Map.of("items", List.of(first, second)));
		}
	}

}
