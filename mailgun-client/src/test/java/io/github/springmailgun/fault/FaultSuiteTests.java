package io.github.springmailgun.fault;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.error.MailgunException;
import io.github.springmailgun.error.MailgunServerException;
import io.github.springmailgun.error.MailgunTimeoutException;
import io.github.springmailgun.error.MailgunTransportException;
import io.github.springmailgun.error.MailgunUnreadableResponseException;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.MailgunMessage;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The nasty network faults: each ends in a typed error within the configured timeouts, retries only
 * where they cannot duplicate a send, and leaves no connection acquired.
 */
class FaultSuiteTests {

	private static final String ACCEPTED = "{\"id\":\"<1@mg.example.com>\",\"message\":\"Queued. Thank you.\"}";

	/** For the faults that are timeouts: short, so the suite stays fast. */
	private static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(500);

	/** For faults that do answer: generous, so a busy machine cannot turn them into timeouts. */
	private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	/** For uploads that stall: short, so the suite stays fast. */
	private static final Duration SHORT_WRITE_TIMEOUT = Duration.ofMillis(500);

	private static final MailgunRetryPolicy RETRIES = new MailgunRetryPolicy(true, 3, Duration.ofMillis(10), Duration.ofMillis(50),
			Duration.ofSeconds(5), false);

	private final PoolProbe pool = new PoolProbe();

	private final ConnectionProvider provider = this.pool.watch(ConnectionProvider.builder("fault-suite"))
		.maxConnections(10)
		.build();

	private RawHttpServer server;

	@AfterEach
	void stop() throws Exception {
		if (this.server != null) {
			this.server.close();
		}
		this.provider.disposeLater().block(Duration.ofSeconds(5));
	}

	private MailgunTemplate client(MailgunRetryPolicy retry) {
		return client(retry, READ_TIMEOUT);
	}

	private MailgunTemplate client(MailgunRetryPolicy retry, Duration readTimeout) {
		return client(MailgunClientSettings.builder("key-fault", "mg.example.com").readTimeout(readTimeout).retry(retry));
	}

	private MailgunTemplate client(MailgunClientSettings.Builder settings) {
		HttpClient httpClient = HttpClient.create(this.provider)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000);
		return new MailgunTemplate(settings.baseUrl(this.server.baseUrl()).build(),
				WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)));
	}

	private static MailgunMessage message() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").subject("s").text("t").build();
	}

	private static MailgunMessage largeMessage() {
		return MailgunMessage.builder()
			.from("shop@mg.example.com")
			.to("a@example.com")
			.subject("s")
			.text("t")
			.attachment(Attachment.of("big.bin", new byte[4 * 1024 * 1024]))
			.build();
	}

	/** Larger than every socket buffer between client and server, so that the upload does stall. */
	private static MailgunMessage hugeMessage() {
		return MailgunMessage.builder()
			.from("shop@mg.example.com")
			.to("a@example.com")
			.subject("s")
			.text("t")
			.attachment(Attachment.of("huge.bin", new byte[16 * 1024 * 1024]))
			.build();
	}

	private Throwable sendFails(MailgunTemplate client, MailgunMessage message) {
		long start = System.nanoTime();
		Throwable failure = catchThrowable(() -> client.send(message).block(Duration.ofSeconds(20)));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(failure).isInstanceOf(MailgunException.class);
		// Functional bound, not a performance figure: far under the 20 s block, within a few timeouts.
		assertThat(took).isLessThan(Duration.ofSeconds(8));
		return failure;
	}

	@Test
	void resetWhileTheRequestIsWrittenIsNotRetriedForASend() throws Exception {
		this.server = new RawHttpServer(exchange -> {
			exchange.readHead();
			exchange.reset();
		});
		Throwable failure = sendFails(client(RETRIES), largeMessage());
		assertThat(failure).isInstanceOfSatisfying(MailgunTransportException.class,
				ex -> assertThat(ex.isRequestMayHaveReachedMailgun()).isTrue());
		assertThat(this.server.connections()).isEqualTo(1);
		this.pool.assertNoConnectionLeft();
	}

	/**
	 * A server (or proxy) that stops reading in the middle of an upload: the connector can take no more of
	 * the body. The write timeout bounds that stall, the connection is closed, and since the body did not
	 * go out whole, Mailgun cannot have accepted it.
	 */
	@Test
	void anUploadTheServerStopsReadingFailsAfterTheWriteTimeoutAndClosesTheConnection() throws Exception {
		CountDownLatch clientGaveUp = new CountDownLatch(1);
		AtomicBoolean closed = new AtomicBoolean();
		CountDownLatch checked = new CountDownLatch(1);
		this.server = new RawHttpServer(exchange -> {
			exchange.readHead();
			exchange.readBytes(8 * 1024);
			// Reads no more: once the socket buffers are full, the client's upload stalls.
			if (clientGaveUp.await(20, TimeUnit.SECONDS)) {
				closed.set(exchange.closedByClientWithin(Duration.ofSeconds(5)));
			}
			checked.countDown();
		}, 64 * 1024);
		MailgunTemplate client = client(MailgunClientSettings.builder("key-fault", "mg.example.com")
			.readTimeout(READ_TIMEOUT)
			.writeTimeout(SHORT_WRITE_TIMEOUT)
			.retry(MailgunRetryPolicy.DISABLED));
		long start = System.nanoTime();
		StepVerifier.create(client.send(hugeMessage()))
			.expectErrorSatisfies(failure -> assertThat(failure).isInstanceOfSatisfying(MailgunTimeoutException.class, ex -> {
				assertThat(ex.getMessage()).contains("stalled", "PT0.5S", "POST http://127.0.0.1:");
				assertThat(ex.isRequestMayHaveReachedMailgun()).isFalse();
			}))
			.verify(Duration.ofSeconds(10));
		// Functional bound: the stall is noticed after about the write timeout, far before the read timeout.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(READ_TIMEOUT);
		clientGaveUp.countDown();
		assertThat(checked.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(closed).as("the client closed the stalled connection").isTrue();
		assertThat(this.server.completeRequests()).isZero();
		this.pool.assertNoConnectionLeft();
	}

	@Test
	void aStalledUploadNeverReachedMailgunSoEvenASendIsRetried() throws Exception {
		this.server = new RawHttpServer(exchange -> {
			exchange.readHead();
			exchange.readBytes(8 * 1024);
			exchange.sleep(10_000);
		}, 64 * 1024);
		MailgunTemplate client = client(MailgunClientSettings.builder("key-fault", "mg.example.com")
			.readTimeout(READ_TIMEOUT)
			.writeTimeout(SHORT_WRITE_TIMEOUT)
			// Time enough for every attempt even on a slow machine: the attempts are what is counted.
			.retry(new MailgunRetryPolicy(true, 3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(30), false)));
		StepVerifier.create(client.send(hugeMessage()))
			.expectError(MailgunTimeoutException.class)
			.verify(Duration.ofSeconds(20));
		assertThat(this.server.connections()).as("attempts").isEqualTo(RETRIES.maxAttempts());
		assertThat(this.server.completeRequests()).isZero();
		this.pool.assertNoConnectionLeft();
	}

	/**
	 * retry.max-elapsed-time bounds the call, not only the decision to retry: a retry still waiting for
	 * its answer when the time runs out is cancelled, and the failure carries the earlier attempt's.
	 */
	@Test
	void aRetryInFlightIsCancelledWhenMaxElapsedTimeRunsOut() throws Exception {
		this.server = new RawHttpServer(exchange -> {
			exchange.readRequest();
			exchange.sleep(15_000);
		});
		String stored = "{\"From\":\"a@mg.example.com\",\"Subject\":\"ok\"}";
		this.server.then(exchange -> {
			exchange.readRequest();
			exchange.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
					+ stored.length() + "\r\n\r\n" + stored);
		});
		this.server.then(exchange -> {
			exchange.readRequest();
			exchange.write("HTTP/1.1 503 X\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 4\r\n\r\nbusy");
		});
		MailgunRetryPolicy oneSecond = new MailgunRetryPolicy(true, 3, Duration.ofMillis(10), Duration.ofMillis(50),
				Duration.ofSeconds(1), false);
		MailgunTemplate client = client(oneSecond, Duration.ofSeconds(10));
		// A first call warms the client up, so that the second's first attempt takes far less than a second.
		assertThat(client.storedMessage("WARM").block(Duration.ofSeconds(10)).subject()).isEqualTo("ok");
		long start = System.nanoTime();
		StepVerifier.create(client.storedMessage("KEY"))
			.expectErrorSatisfies(failure -> assertThat(failure).isInstanceOfSatisfying(MailgunTimeoutException.class, ex -> {
				assertThat(ex.getMessage()).contains("retry.max-elapsed-time", "PT1S", "GET http://127.0.0.1:");
				// The cancelled attempt was waiting for its answer: the request was out.
				assertThat(ex.isRequestMayHaveReachedMailgun()).isTrue();
				assertThat(ex.getSuppressed()).singleElement()
					.isInstanceOfSatisfying(MailgunServerException.class, earlier -> assertThat(earlier.getStatusCode()).isEqualTo(503));
			}))
			.verify(Duration.ofSeconds(20));
		// Functional bound, not a performance figure: about the second of max-elapsed-time, not the 10 s read timeout.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(this.server.completeRequests()).isEqualTo(3);
		this.pool.assertNoConnectionLeft();
	}

	@Test
	void resetInTheMiddleOfTheResponseIsNotRetriedForASend() throws Exception {
		this.server = new RawHttpServer(exchange -> {
			exchange.readRequest();
			exchange.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"id\":");
			exchange.reset();
		});
		Throwable failure = sendFails(client(RETRIES), message());
		assertThat(failure).isInstanceOf(MailgunTransportException.class);
		assertThat(this.server.completeRequests()).isEqualTo(1);
		this.pool.assertNoConnectionLeft();
	}

	@Test
	void headersThatNeverComeTimeOut() throws Exception {
		this.server = new RawHttpServer(exchange -> {
			exchange.readRequest();
			exchange.sleep(10_000);
		});
		Throwable failure = sendFails(client(RETRIES, SHORT_READ_TIMEOUT), message());
		assertThat(failure).isInstanceOfSatisfying(MailgunTimeoutException.class,
				ex -> assertThat(ex.getMessage()).contains("No response from Mailgun within PT0.5S"));
		assertThat(this.server.completeRequests()).isEqualTo(1);
		this.pool.assertNoConnectionLeft();
	}

	@Test
	void aBodyThatTricklesTimesOut() throws Exception {
		this.server = new RawHttpServer(exchange -> {
			exchange.readRequest();
			exchange.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n");
			for (int i = 0; i < 200; i++) {
				exchange.write(" ");
				exchange.sleep(100);
			}
		});
		// Mailgun answered 200: the send was accepted, the stalled body is reported as unreadable.
		assertThat(sendFails(client(RETRIES, SHORT_READ_TIMEOUT), message())).isInstanceOfSatisfying(
				MailgunUnreadableResponseException.class, (ex) -> assertThat(ex.getBodySummary()).isEqualTo("not read within 500 ms"));
		assertThat(this.server.completeRequests()).isEqualTo(1);
		this.pool.assertNoConnectionLeft();
	}

	@Test
	void aResponseThatNeverEndsTimesOut() throws Exception {
		this.server = new RawHttpServer(exchange -> {
			exchange.readRequest();
			exchange.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
			for (int i = 0; i < 200; i++) {
				exchange.write("1\r\n \r\n");
				exchange.sleep(50);
			}
		});
		// Mailgun answered 200: the send was accepted, the stalled body is reported as unreadable.
		assertThat(sendFails(client(RETRIES, SHORT_READ_TIMEOUT), message())).isInstanceOfSatisfying(
				MailgunUnreadableResponseException.class, (ex) -> assertThat(ex.getBodySummary()).isEqualTo("not read within 500 ms"));
		assertThat(this.server.completeRequests()).isEqualTo(1);
		this.pool.assertNoConnectionLeft();
	}

	@Test
	void truncatedJsonIsATransportErrorThatMayHaveBeenAccepted() throws Exception {
		this.server = new RawHttpServer(exchange -> {
			exchange.readRequest();
			exchange.respond(200, "application/json", "{\"id\":\"<1@mg.exa");
		});
		Throwable failure = sendFails(client(RETRIES), message());
		assertThat(failure).isInstanceOfSatisfying(MailgunTransportException.class, ex -> {
			assertThat(ex.isRequestMayHaveReachedMailgun()).isTrue();
			assertThat(ex.getMessage()).contains("not the expected JSON");
		});
		assertThat(this.server.completeRequests()).isEqualTo(1);
		this.pool.assertNoConnectionLeft();
	}

	@Test
	void gatewayErrorsOnASendAreNotRetried() throws Exception {
		for (int status : new int[] { 502, 504 }) {
			this.server = new RawHttpServer(exchange -> {
				exchange.readRequest();
				exchange.respond(status, "text/html", "<html><h1>" + status + " Gateway</h1></html>");
			});
			assertThat(sendFails(client(RETRIES), message())).isInstanceOfSatisfying(MailgunServerException.class,
					ex -> assertThat(ex.getStatusCode()).isEqualTo(status));
			assertThat(this.server.completeRequests()).isEqualTo(1);
			this.pool.assertNoConnectionLeft();
			this.server.close();
		}
		this.server = null;
	}

	@Test
	void closedBeforeAnyResponseOnAReadIsRetried() throws Exception {
		this.server = new RawHttpServer(exchange -> {
			exchange.readRequest();
			exchange.respond(200, "application/json", "{\"From\":\"a@mg.example.com\",\"Subject\":\"ok\"}");
		});
		this.server.then(exchange -> {
			exchange.readRequest();
			exchange.reset();
		});
		assertThat(client(RETRIES).storedMessage("KEY").block(Duration.ofSeconds(10)).subject()).isEqualTo("ok");
		assertThat(this.server.completeRequests()).isEqualTo(2);
		this.pool.assertNoConnectionLeft();
	}

	@Test
	void manyFaultsInARowLeaveNoConnectionAcquired() throws Exception {
		this.server = new RawHttpServer(exchange -> {
			exchange.readRequest();
			exchange.reset();
		});
		MailgunTemplate client = client(MailgunRetryPolicy.DISABLED);
		for (int i = 0; i < 20; i++) {
			sendFails(client, message());
		}
		assertThat(this.server.completeRequests()).isEqualTo(20);
		this.pool.assertNoConnectionLeft();
	}

}
