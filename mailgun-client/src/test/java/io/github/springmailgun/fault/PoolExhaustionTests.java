package io.github.springmailgun.fault;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.error.MailgunTimeoutException;
import io.github.springmailgun.error.MailgunTransportException;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More concurrent sends than the connection pool takes: a send that never got a connection was never
 * written, so the caller is told so and the client may retry it, which cannot deliver twice. (A pool
 * built with {@code ConnectionProvider.builder(name).maxConnections(16)} queues at most 32 more
 * acquires; the 49th concurrent send used to fail as if it might have reached Mailgun.)
 */
class PoolExhaustionTests {

	private static final String ACCEPTED = "{\"id\":\"<1@mg.example.com>\",\"message\":\"Queued. Thank you.\"}";

	private final PoolProbe pool = new PoolProbe();

	private ConnectionProvider provider;

	private RawHttpServer server;

	@AfterEach
	void stop() throws Exception {
		if (this.server != null) {
			this.server.close();
		}
		if (this.provider != null) {
			this.provider.disposeLater().block(Duration.ofSeconds(5));
		}
	}

	private MailgunTemplate client(ConnectionProvider.Builder pool, MailgunRetryPolicy retry) {
		this.provider = this.pool.watch(pool).maxConnections(1).build();
		return new MailgunTemplate(MailgunClientSettings.builder("key-pool", "mg.example.com")
			.baseUrl(this.server.baseUrl())
			.readTimeout(Duration.ofSeconds(5))
			.retry(retry)
			.build(), WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create(this.provider))));
	}

	private void slowServer(long millis) throws Exception {
		this.server = new RawHttpServer(exchange -> {
			exchange.readRequest();
			exchange.sleep(millis);
			// The server closes every connection after one answer; saying so keeps the client from
			// reusing a closed one, a different fault.
			exchange.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
					+ ACCEPTED.length() + "\r\n\r\n" + ACCEPTED);
		});
	}

	private static MailgunMessage message() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").subject("s").text("t").build();
	}

	/** Sends concurrently; returns the errors, one per send that failed. */
	private static List<Throwable> failures(MailgunTemplate client, int count) {
		MailgunMessage message = message();
		return Flux.range(0, count)
			.flatMap(i -> client.send(message).then(Mono.<Throwable>empty()).onErrorResume(Mono::just), count)
			.collectList()
			.block(Duration.ofSeconds(20));
	}

	@Test
	void aSendRefusedByAFullPendingQueueWasNeverWritten() throws Exception {
		slowServer(1000);
		MailgunTemplate client = client(ConnectionProvider.builder("full-queue").pendingAcquireMaxCount(1),
				MailgunRetryPolicy.DISABLED);
		// The first send holds the only connection before the others start: started together, a send
		// still connecting also counts as pending, and which of them is refused becomes a race.
		CompletableFuture<SendResponse> first = client.send(message()).toFuture();
		for (int i = 0; i < 250 && this.server.completeRequests() == 0; i++) {
			Thread.sleep(20);
		}
		assertThat(this.server.completeRequests()).as("first request read by the server").isEqualTo(1);

		List<Throwable> failures = failures(client, 2);

		assertThat(first.get(5, TimeUnit.SECONDS).messageId()).isEqualTo("1@mg.example.com");
		// One send on the connection, one waiting for it, one refused by the pool at once.
		assertThat(failures).singleElement()
			.isInstanceOfSatisfying(MailgunTransportException.class, ex -> {
				assertThat(ex).isNotInstanceOf(MailgunTimeoutException.class);
				assertThat(ex.isRequestMayHaveReachedMailgun()).isFalse();
				assertThat(ex.getMessage()).contains("No connection to Mailgun").contains("POST");
			});
		assertThat(this.server.completeRequests()).isEqualTo(2);
		this.pool.assertNoConnectionLeft();
	}

	@Test
	void aSendThatWaitedTooLongForAConnectionWasNeverWritten() throws Exception {
		slowServer(800);
		MailgunTemplate client = client(
				ConnectionProvider.builder("slow-acquire").pendingAcquireTimeout(Duration.ofMillis(150)),
				MailgunRetryPolicy.DISABLED);

		List<Throwable> failures = failures(client, 2);

		// The pool's acquire timeout is a TimeoutException, but Mailgun never saw the request.
		assertThat(failures).singleElement()
			.isInstanceOfSatisfying(MailgunTransportException.class, ex -> {
				assertThat(ex).isNotInstanceOf(MailgunTimeoutException.class);
				assertThat(ex.isRequestMayHaveReachedMailgun()).isFalse();
			});
		assertThat(this.server.completeRequests()).isEqualTo(1);
		this.pool.assertNoConnectionLeft();
	}

	@Test
	void aSendRefusedByThePoolIsRetriedAndDeliveredOnce() throws Exception {
		slowServer(200);
		MailgunTemplate client = client(ConnectionProvider.builder("retried").pendingAcquireMaxCount(1),
				new MailgunRetryPolicy(true, 10, Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(10), false));

		List<Throwable> failures = failures(client, 4);

		assertThat(failures).isEmpty();
		// Every send reached the server exactly once: the refused attempts never left the client.
		assertThat(this.server.completeRequests()).isEqualTo(4);
		this.pool.assertNoConnectionLeft();
	}

}
