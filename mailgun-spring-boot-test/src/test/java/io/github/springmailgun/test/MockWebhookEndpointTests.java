package io.github.springmailgun.test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.event.DeliveredEvent;
import io.github.springmailgun.event.EventType;
import io.github.springmailgun.event.FailedEvent;
import io.github.springmailgun.event.FailureSeverity;
import io.github.springmailgun.webhook.DomainWebhookType;
import io.github.springmailgun.webhook.MailgunWebhookEvent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's own webhook endpoint, in a WebFlux application configured with the mock's signing key,
 * registered with the mock through the client: it receives, verifies and publishes what the mock posts,
 * unchanged; with another key it refuses the post, and the mock records the refusal and does not retry.
 */
class MockWebhookEndpointTests {

	private static MailgunMockServer mock;

	private static ConfigurableApplicationContext application;

	private static String webhookUrl;

	@BeforeAll
	static void start() {
		mock = MailgunMockServer.start();
		application = new SpringApplicationBuilder(WebhookListenerApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.web-application-type=reactive",
					"spring.main.banner-mode=off", "mailgun.api-key=" + mock.apiKey(), "mailgun.domain=" + mock.domain(),
					"mailgun.base-url=" + mock.baseUrl(), "mailgun.retry.max-attempts=1",
					"mailgun.webhooks.signing-key=" + mock.webhooks().signingKey())
			.run();
		webhookUrl = "http://127.0.0.1:" + application.getEnvironment().getProperty("local.server.port")
				+ "/mailgun/webhooks";
	}

	@AfterAll
	static void stop() {
		if (application != null) {
			application.close();
		}
		if (mock != null) {
			mock.close();
		}
	}

	@BeforeEach
	void reset() {
		mock.reset();
		received().clear();
	}

	private static BlockingQueue<MailgunWebhookEvent> received() {
		return application.getBean(Received.class).events;
	}

	private static MailgunOperations mailgun() {
		return application.getBean(MailgunOperations.class);
	}

	@Test
	void theStartersEndpointVerifiesAndPublishesWhatTheMockPosts() throws InterruptedException {
		mailgun().webhooks()
			.createForEvents(webhookUrl, List.of(DomainWebhookType.DELIVERED, DomainWebhookType.PERMANENT_FAIL))
			.block();

		mock.events().publish(event("evt-delivered", "delivered", null));
		mock.events().publish(event("evt-bounced", "failed", "permanent"));

		MailgunWebhookEvent delivered = received().poll(10, TimeUnit.SECONDS);
		MailgunWebhookEvent failed = received().poll(10, TimeUnit.SECONDS);
		assertThat(List.of(delivered, failed)).extracting(MailgunWebhookEvent::type)
			.containsExactlyInAnyOrder(EventType.DELIVERED, EventType.FAILED);
		MailgunWebhookEvent deliveredEvent = (delivered.type() == EventType.DELIVERED) ? delivered : failed;
		MailgunWebhookEvent failedEvent = (deliveredEvent == delivered) ? failed : delivered;
		assertThat(deliveredEvent.event()).isInstanceOfSatisfying(DeliveredEvent.class, event -> {
			assertThat(event.id()).isEqualTo("evt-delivered");
			assertThat(event.recipient()).isEqualTo("alice@example.com");
			assertThat(event.messageId()).isEqualTo("20260301.1@" + mock.domain());
		});
		assertThat(failedEvent.event()).isInstanceOfSatisfying(FailedEvent.class,
				event -> assertThat(event.severity()).isEqualTo(FailureSeverity.PERMANENT));
		assertThat(deliveredEvent.verification().signedByParent()).isFalse();
		assertThat(mock.webhooks().awaitDeliveries(2, Duration.ofSeconds(10)))
			.allSatisfy(delivery -> assertThat(delivery.status()).isEqualTo(200))
			.extracting(MockWebhookDelivery::webhook)
			.containsExactlyInAnyOrder("delivered", "permanent_fail");
	}

	@Test
	void aPostSignedWithAnotherKeyIsRefusedAndNotRetried() throws InterruptedException {
		mailgun().webhooks().create(DomainWebhookType.DELIVERED, List.of(webhookUrl)).block();
		// The application still has the old key.
		mailgun().webhooks().rotateSigningKey().block();

		mock.events().publish(event("evt-forged", "delivered", null));

		assertThat(mock.webhooks().awaitDeliveries(1, Duration.ofSeconds(10))).singleElement()
			.satisfies(delivery -> assertThat(delivery.rejected()).isTrue());
		// A retry would come 83 ms later on the compressed schedule.
		assertThat(received().poll(1, TimeUnit.SECONDS)).isNull();
		assertThat(mock.webhooks().deliveries()).hasSize(1);
	}

	/**
	 * A user's application that receives Mailgun webhooks through the starter's endpoint (no component
	 * scan: this package holds other applications).
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Received.class)
	static class WebhookListenerApplication {

	}

	/**
	 * The listener, as users write one: it keeps what it got.
	 */
	static class Received {

		final BlockingQueue<MailgunWebhookEvent> events = new LinkedBlockingQueue<>();

		@EventListener
		void on(MailgunWebhookEvent event) {
			this.events.add(event);
		}

	}

	private static MockEvent event(String id, String type, @Nullable String severity) {
		Instant now = mock.clock().now();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("event", type);
		data.put("id", id);
		data.put("timestamp", now.getEpochSecond() + now.getNano() / 1e9);
		data.put("log-level", (severity != null) ? "error" : "info");
		if (severity != null) {
			data.put("severity", severity);
			data.put("reason", "bounce");
		}
		data.put("recipient", "alice@example.com");
		data.put("recipient-domain", "example.com");
		data.put("envelope", Map.of("sender", "shop@" + mock.domain(), "targets", "alice@example.com"));
		data.put("delivery-status", Map.of("code", (severity != null) ? 550 : 250, "message", "OK", "attempt-no", 1));
		data.put("message", Map.of("headers", Map.of("to", "alice@example.com", "message-id", "20260301.1@" + mock.domain(),
				"from", "shop@" + mock.domain(), "subject", "Your order"), "attachments", List.of(), "size", 586));
		data.put("tags", List.of());
		data.put("user-variables", Map.of());
		return new MockEvent(id, type, severity, mock.domain(), "alice@example.com", "20260301.1@" + mock.domain(), now,
				data);
	}

}
