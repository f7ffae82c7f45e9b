package io.github.springmailgun.test.testcontainers;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.error.MailgunRateLimitException;
import io.github.springmailgun.error.MailgunServerException;
import io.github.springmailgun.error.MailgunTransportException;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.route.Route;
import io.github.springmailgun.route.RouteExpression;
import io.github.springmailgun.route.RouteRequest;
import io.github.springmailgun.test.MockFault;
import io.github.springmailgun.test.MockInboundMessage;
import io.github.springmailgun.test.MockOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A test drives the container as it drives the in-process mock: reset, faults, delays, scripted outcomes
 * and a manual clock, over the mock's {@code /mock/} control endpoints, and the real client sees the
 * result. Skipped, not passed, where no Docker engine runs.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class MailgunMockContainerControlTests {

	@Container
	static final MailgunMockContainer mailgun = new MailgunMockContainer().withDomain("mg.shop.test")
		.withManualClock();

	private final MailgunTemplate client = new MailgunTemplate(
			MailgunClientSettings.builder(mailgun.getApiKey(), mailgun.getDomain())
				.baseUrl(mailgun.getBaseUrl())
				.retry(MailgunRetryPolicy.DISABLED)
				.build());

	@BeforeEach
	void reset() {
		mailgun.reset();
	}

	private SendResponse send(String to) {
		return this.client.send(MailgunMessage.builder()
			.from("Shop <shop@mg.shop.test>")
			.to(to)
			.subject("Your order")
			.text("It ships today.")
			.tag("orders")
			.build()).block();
	}

	@Test
	void resetForgetsWhatWasSent() {
		SendResponse sent = send("alice@example.com");
		assertThat(mailgun.sentMessages()).singleElement().satisfies(message -> {
			assertThat(message).containsEntry("id", sent.id())
				.containsEntry("to", List.of("alice@example.com"))
				.containsEntry("subject", "Your order")
				.containsEntry("tags", List.of("orders"));
			assertThat(mailgun.findStorageKey(sent.id())).contains(String.valueOf(message.get("storage-key")));
		});

		mailgun.reset();

		assertThat(mailgun.sentMessages()).isEmpty();
		assertThat(mailgun.events()).isEmpty();
	}

	@Test
	void queuedFaultsReachTheClientAsTheInProcessMockSendsThem() {
		mailgun.failNext(1, MockFault.rateLimited(Duration.ofSeconds(2)).withRetryAfterHeader())
			.failNext(2, MockFault.serviceUnavailable())
			.failNext(1, MockFault.disconnect());

		assertThatExceptionOfType(MailgunRateLimitException.class).isThrownBy(() -> send("alice@example.com"))
			.satisfies(ex -> assertThat(ex.getRetryAfter()).contains(Duration.ofSeconds(2)))
			.satisfies(ex -> assertThat(ex.getMailgunMessage()).isEqualTo(
					"Domain mg.shop.test is not allowed to send: account-requests-per-sec limit exceeded, "
							+ "try again after 2 seconds"));
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(MailgunServerException.class).isThrownBy(() -> send("alice@example.com"))
				.satisfies(ex -> assertThat(ex.getStatusCode()).isEqualTo(503));
		}
		assertThatExceptionOfType(MailgunTransportException.class).isThrownBy(() -> send("alice@example.com"));
		send("alice@example.com");
		assertThat(mailgun.sentMessages()).hasSize(1);
	}

	@Test
	void aDelayHoldsTheAnswer() {
		mailgun.delayNext(1, Duration.ofMillis(1500));

		long start = System.nanoTime();
		send("alice@example.com");

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void scriptedOutcomesHappenWhenTheManualClockMoves() {
		mailgun.script(MockOutcome.bounce("alice@example\\.com"))
			.script(MockOutcome.click("bob@example\\.com", "https://shop.example.com/").after(Duration.ofMinutes(5)));
		send("alice@example.com");
		send("bob@example.com");
		assertThat(mailgun.events()).extracting(event -> event.get("event")).containsOnly("accepted");

		mailgun.advanceClock(Duration.ofMinutes(1));
		assertThat(mailgun.events()).filteredOn(event -> !"accepted".equals(event.get("event")))
			.extracting(event -> event.get("event") + " " + event.get("recipient"))
			.containsExactlyInAnyOrder("failed alice@example.com", "delivered bob@example.com");
		Map<String, Object> failed = mailgun.events()
			.stream()
			.filter(event -> "failed".equals(event.get("event")))
			.findFirst()
			.orElseThrow();
		assertThat(failed).containsEntry("severity", "permanent");

		mailgun.advanceClock(Duration.ofMinutes(5));
		assertThat(mailgun.events()).filteredOn(event -> "clicked".equals(event.get("event")))
			.singleElement()
			.satisfies(event -> assertThat(event).containsEntry("url", "https://shop.example.com/"));
	}

	@Test
	void aMistakeOfTheTestIsReportedWithTheMocksMessage() {
		assertThatIllegalStateException().isThrownBy(() -> mailgun.delayNext(0, Duration.ofSeconds(1)))
			.withMessageContaining("400")
			.withMessageContaining("count must be at least 1");
	}

	@Test
	void receiveRunsTheRoutesCreatedThroughTheApi() {
		assertThat(mailgun.receive(MockInboundMessage.builder("jane@example.com", "support@mg.shop.test").build()))
			.isEmpty();
		Route route = this.client.routes()
			.create(RouteRequest.builder(RouteExpression.matchRecipient("support@.*")).forward("ops@example.com").build())
			.block();

		assertThat(mailgun.receive(MockInboundMessage.builder("jane@example.com", "support@mg.shop.test")
			.subject("Help")
			.attachment("a.txt", "text/plain", new byte[] { 'h', 'i' })
			.build())).containsExactly(route.id());
	}

}
