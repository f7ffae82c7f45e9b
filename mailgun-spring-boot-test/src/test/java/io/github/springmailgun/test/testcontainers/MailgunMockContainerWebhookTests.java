package io.github.springmailgun.test.testcontainers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.event.DeliveredEvent;
import io.github.springmailgun.event.FailedEvent;
import io.github.springmailgun.event.FailureSeverity;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.test.MockWebhookDelivery;
import io.github.springmailgun.webhook.DomainWebhookType;
import io.github.springmailgun.webhook.MailgunWebhookEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop through Docker: an application on the host, with the starter's webhook endpoint and the
 * container's signing key, sends through the container and registers
 * {@code http://host.docker.internal:<port>/mailgun/webhooks}; the container posts the
 * {@code delivered} and {@code failed} events to it, and the starter verifies and publishes them.
 * Skipped, not passed, where no Docker engine runs.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class MailgunMockContainerWebhookTests {

	@Container
	static final MailgunMockContainer mailgun = new MailgunMockContainer().withDomain("mg.shop.test")
		.withWebhookSigningKey("container-signing-key");

	private static ConfigurableApplicationContext application;

	@BeforeAll
	static void startApplication() {
		application = new SpringApplicationBuilder(WebhookApplication.class)
			// Every interface, as Boot listens by default: the container comes in through the Docker bridge.
			.properties("server.port=0", "server.address=0.0.0.0", "spring.main.web-application-type=reactive",
					"spring.main.banner-mode=off", "mailgun.api-key=" + mailgun.getApiKey(),
					"mailgun.domain=" + mailgun.getDomain(), "mailgun.base-url=" + mailgun.getBaseUrl(),
					"mailgun.webhooks.signing-key=" + mailgun.getWebhookSigningKey())
			.run();
	}

	@AfterAll
	static void stopApplication() {
		if (application != null) {
			application.close();
		}
	}

	@Test
	void theContainerPostsSignedEventsToTheApplicationOnTheHost() throws InterruptedException {
		MailgunOperations operations = application.getBean(MailgunOperations.class);
		String port = application.getEnvironment().getProperty("local.server.port");
		String url = "http://" + MailgunMockContainer.HOST_ALIAS + ":" + port + "/mailgun/webhooks";
		operations.webhooks()
			.createForEvents(url, List.of(DomainWebhookType.DELIVERED, DomainWebhookType.PERMANENT_FAIL))
			.block();

		SendResponse sent = operations.send(MailgunMessage.builder()
			.from("Shop <shop@mg.shop.test>")
			.to("alice@example.com")
			.subject("Your order")
			.text("It ships today.")
			.build()).block();
		operations.send(MailgunMessage.builder()
			.from("Shop <shop@mg.shop.test>")
			.to("bounce@example.com")
			.subject("Your order")
			.text("It ships today.")
			.build()).block();

		List<MailgunWebhookEvent> received = receive(2, Duration.ofSeconds(30));
		assertThat(received).anySatisfy(event -> assertThat(event.event()).isInstanceOfSatisfying(DeliveredEvent.class,
				delivered -> {
					assertThat(delivered.recipient()).isEqualTo("alice@example.com");
					assertThat("<" + delivered.messageId() + ">").isEqualTo(sent.id());
				}));
		assertThat(received).anySatisfy(event -> assertThat(event.event()).isInstanceOfSatisfying(FailedEvent.class,
				failed -> {
					assertThat(failed.recipient()).isEqualTo("bounce@example.com");
					assertThat(failed.severity()).isEqualTo(FailureSeverity.PERMANENT);
				}));
		assertThat(mailgun.webhookDeliveries()).hasSize(2).allSatisfy(delivery -> {
			assertThat(delivery.url()).isEqualTo(url);
			assertThat(delivery.status()).isEqualTo(200);
			assertThat(delivery.attempt()).isEqualTo(1);
		}).extracting(MockWebhookDelivery::webhook).containsExactlyInAnyOrder("delivered", "permanent_fail");
		assertThat(mailgun.events()).extracting(event -> event.get("event") + " " + event.get("recipient"))
			.contains("delivered alice@example.com", "failed bounce@example.com");
	}

	private static List<MailgunWebhookEvent> receive(int count, Duration timeout) throws InterruptedException {
		BlockingQueue<MailgunWebhookEvent> queue = application.getBean(Received.class).events;
		List<MailgunWebhookEvent> received = new ArrayList<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (received.size() < count) {
			MailgunWebhookEvent event = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			assertThat(event).as("webhook %d of %d from the container; its attempts: %s", received.size() + 1, count,
					mailgun.webhookDeliveries()).isNotNull();
			received.add(event);
		}
		return received;
	}

	/**
	 * A user's application that receives Mailgun webhooks through the starter's endpoint.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Received.class)
	static class WebhookApplication {

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

}
