package io.github.springmailgun.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Inbound posts retried as Mailgun retries a route's {@code forward}: on Mailgun's schedule for routes and
 * the mock's clock (a manual clock here, so the test moves time instead of waiting), never after 2xx or
 * 406, every attempt recorded.
 */
class MockInboundRetryTests {

	private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

	@StartStop
	private final MockWebServer receiver = new MockWebServer();

	private static MailgunMockServer manual() {
		return MailgunMockServer.builder().clock(MockClock.manual(START)).start();
	}

	private static void receive(MailgunMockServer mock, String url) {
		mock.inboundRoutes().create(0, "support", "match_recipient(\"support@.*\")", List.of("forward(\"" + url + "\")"));
		mock.receive(MockInboundMessage.builder("jane@example.com", "support@mg.example.com").subject("Help").text("Hi").build());
	}

	private void answer(int... statuses) {
		for (int status : statuses) {
			this.receiver.enqueue(new MockResponse.Builder().code(status).build());
		}
	}

	@Test
	void retriesOnTheRoutesScheduleUntilA2xx() throws Exception {
		answer(500, 503, 200);
		try (MailgunMockServer mock = manual()) {
			receive(mock, this.receiver.url("/inbound").toString());

			mock.clock().advance(Duration.ZERO);
			assertThat(mock.inbound().deliveries()).extracting(MockInboundDelivery::status).containsExactly(500);
			// Mailgun retries a route's post after 10 minutes, where a webhook's is retried after 5.
			mock.clock().advance(Duration.ofMinutes(9));
			assertThat(mock.inbound().deliveries()).hasSize(1);
			mock.clock().advance(Duration.ofMinutes(1));
			assertThat(mock.inbound().deliveries()).hasSize(2);
			mock.clock().advance(Duration.ofHours(10));

			List<Duration> schedule = mock.inbound().retrySchedule();
			assertThat(schedule).containsExactly(Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30),
					Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4));
			assertThat(mock.inbound().deliveries())
				.extracting(MockInboundDelivery::attempt, MockInboundDelivery::at, MockInboundDelivery::status)
				.containsExactly(tuple(1, START, 500), tuple(2, START.plus(schedule.get(0)), 503),
						tuple(3, START.plus(schedule.get(0)).plus(schedule.get(1)), 200));
			assertThat(mock.inbound().deliveries().get(2).delivered()).isTrue();
			assertThat(mock.clock().pendingTasks()).isZero();
			// The same request each time, signature included: the endpoint released the token of the failure.
			String first = this.receiver.takeRequest().getBody().utf8();
			assertThat(this.receiver.takeRequest().getBody().utf8()).isEqualTo(first);
			assertThat(this.receiver.takeRequest().getBody().utf8()).isEqualTo(first);
		}
	}

	@Test
	void aRejectionWith406IsPostedOnce() {
		answer(406, 200);
		try (MailgunMockServer mock = manual()) {
			receive(mock, this.receiver.url("/inbound").toString());

			mock.clock().advance(Duration.ofHours(24));

			assertThat(mock.inbound().deliveries()).singleElement().satisfies((delivery) -> {
				assertThat(delivery.status()).isEqualTo(406);
				assertThat(delivery.rejected()).isTrue();
				assertThat(delivery.delivered()).isFalse();
				assertThat(delivery.attempt()).isEqualTo(1);
			});
			assertThat(this.receiver.getRequestCount()).isEqualTo(1);
			assertThat(mock.clock().pendingTasks()).isZero();
		}
	}

	@Test
	void aRefusedConnectionIsRetriedThroughTheWholeScheduleThenGivenUp() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		try (MailgunMockServer mock = manual()) {
			receive(mock, "http://127.0.0.1:" + closedPort + "/inbound");

			mock.clock().advance(Duration.ofHours(24));

			// The first post and Mailgun's six retries for routes, 10 min, 15 min, 30 min, 1 h, 2 h and 4 h apart.
			assertThat(mock.inbound().deliveries()).extracting(MockInboundDelivery::at)
				.containsExactly(START, START.plusSeconds(600), START.plusSeconds(1500), START.plusSeconds(3300),
						START.plusSeconds(6900), START.plusSeconds(14100), START.plusSeconds(28500));
			assertThat(mock.inbound().deliveries()).extracting(MockInboundDelivery::attempt)
				.containsExactly(1, 2, 3, 4, 5, 6, 7);
			assertThat(mock.inbound().deliveries()).allSatisfy((delivery) -> {
				assertThat(delivery.status()).isZero();
				assertThat(delivery.error()).startsWith("ConnectException");
			});
			assertThat(mock.clock().pendingTasks()).isZero();
		}
	}

	@Test
	void retriesWithinSecondsOnTheSystemClock() {
		answer(502, 200);
		try (MailgunMockServer mock = MailgunMockServer.start()) {
			receive(mock, this.receiver.url("/inbound").toString());

			List<MockInboundDelivery> deliveries = mock.inbound().awaitDeliveries(2, Duration.ofSeconds(10));

			assertThat(deliveries).extracting(MockInboundDelivery::status).containsExactly(502, 200);
			assertThat(Duration.between(deliveries.get(0).at(), deliveries.get(1).at()))
				.isBetween(Duration.ofMillis(80), Duration.ofSeconds(5));
		}
	}

	@Test
	void resetDropsTheRetriesNotYetDue() {
		answer(500);
		try (MailgunMockServer mock = manual()) {
			receive(mock, this.receiver.url("/inbound").toString());
			mock.clock().advance(Duration.ZERO);
			assertThat(mock.inbound().deliveries()).hasSize(1);

			mock.reset();
			mock.clock().advance(Duration.ofHours(10));

			assertThat(mock.inbound().deliveries()).isEmpty();
			assertThat(this.receiver.getRequestCount()).isEqualTo(1);
		}
	}

}
