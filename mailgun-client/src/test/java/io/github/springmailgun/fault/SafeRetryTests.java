package io.github.springmailgun.fault;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.error.MailgunTransportException;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendResponse;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Failures that cannot duplicate a send are retried even when nothing says when: a 429 without any
 * hint waits for the policy's backoff, and a send whose connection was refused is tried again (it was
 * never written), until the attempts run out.
 */
class SafeRetryTests {

	private static final String ACCEPTED = "{\"id\":\"<1@mg.example.com>\",\"message\":\"Queued. Thank you.\"}";

	private static final MailgunRetryPolicy POLICY = new MailgunRetryPolicy(true, 3, Duration.ofMillis(200), Duration.ofMillis(400),
			Duration.ofSeconds(10), false);

	private RawHttpServer server;

	@AfterEach
	void stop() throws Exception {
		if (this.server != null) {
			this.server.close();
		}
	}

	private static MailgunMessage message() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").subject("s").text("t").build();
	}

	/** Answers and closes the connection, saying so, so that the client does not reuse a closed one. */
	private static void answer(RawHttpServer.Exchange exchange, int status, String body) throws java.io.IOException {
		exchange.readRequest();
		exchange.write("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nConnection: close\r\n"
				+ "Content-Length: " + body.length() + "\r\n\r\n" + body);
	}

	@Test
	void aRateLimitWithoutAnyHintIsRetriedAfterTheBackoff() throws Exception {
		this.server = new RawHttpServer(exchange -> answer(exchange, 200, ACCEPTED));
		this.server.then(exchange -> answer(exchange, 429, "{\"message\":\"slow down\"}"));
		MailgunTemplate client = new MailgunTemplate(MailgunClientSettings.builder("key-retry", "mg.example.com")
			.baseUrl(this.server.baseUrl())
			.retry(POLICY)
			.build());

		long start = System.nanoTime();
		SendResponse response = client.send(message()).block(Duration.ofSeconds(10));

		assertThat(response.id()).isEqualTo("<1@mg.example.com>");
		assertThat(this.server.completeRequests()).isEqualTo(2);
		// Equal jitter: at least half of the 200 ms initial backoff.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
	}

	@Test
	void aSendWhoseConnectionIsRefusedIsRetriedUntilTheAttemptsRunOut() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket()) {
			free.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			port = free.getLocalPort();
		}
		AtomicInteger retries = new AtomicInteger();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onEvent(Observation.Event event, Observation.Context context) {
				if (event.getName().equals("retry")) {
					retries.incrementAndGet();
				}
			}

		});
		MailgunTemplate client = new MailgunTemplate(MailgunClientSettings.builder("key-retry", "mg.example.com")
			.baseUrl("http://127.0.0.1:" + port)
			.connectTimeout(Duration.ofSeconds(2))
			.retry(POLICY)
			.build(), WebClient.builder(), registry);

		Throwable failure = catchThrowable(() -> client.send(message()).block(Duration.ofSeconds(10)));

		assertThat(failure).isInstanceOfSatisfying(MailgunTransportException.class, ex -> {
			assertThat(ex.isRequestMayHaveReachedMailgun()).isFalse();
			assertThat(ex.getMessage()).contains("Could not connect");
		});
		assertThat(retries).as("retries after a refused connection").hasValue(POLICY.maxAttempts() - 1);
	}

}
