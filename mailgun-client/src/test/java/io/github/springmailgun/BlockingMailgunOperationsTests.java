package io.github.springmailgun;

import io.github.springmailgun.testing.LoopbackMailgun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.springmailgun.error.MailgunBadRequestException;
import io.github.springmailgun.error.MailgunTimeoutException;
import io.github.springmailgun.message.BatchMessage;
import io.github.springmailgun.message.BatchRecipient;
import io.github.springmailgun.message.BatchResult;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The blocking facade returns values, raises the client's exceptions, is bounded, and refuses to block
 * a non-blocking thread.
 */
class BlockingMailgunOperationsTests {

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	@AfterEach
	void stop() {
		this.mailgun.close();
	}

	private static MailgunMessage message() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").subject("s").text("t").build();
	}

	private BlockingMailgunOperations blocking(Duration timeout) {
		return new BlockingMailgunOperations(this.mailgun.client(), timeout);
	}

	@Test
	void sendReturnsTheResponse() {
		this.mailgun.accept();
		SendResponse response = blocking(Duration.ofSeconds(5)).send(message());
		assertThat(response.messageId()).isEqualTo("20261128.1.ABC@mg.example.com");
	}

	@Test
	void errorsAreTheClientsTypedExceptions() {
		this.mailgun.respond(400, "{\"message\":\"bad\"}");
		assertThatThrownBy(() -> blocking(Duration.ofSeconds(5)).send(message()))
			.isInstanceOf(MailgunBadRequestException.class);
	}

	@Test
	void waitIsBounded() {
		this.mailgun.enqueue(new mockwebserver3.MockResponse.Builder().code(200)
			.headersDelay(3, java.util.concurrent.TimeUnit.SECONDS)
			.body(LoopbackMailgun.ACCEPTED)
			.build());
		assertThatThrownBy(() -> blocking(Duration.ofMillis(300)).send(message()))
			.isInstanceOf(MailgunTimeoutException.class)
			.hasMessageContaining("did not complete within PT0.3S");
	}

	@Test
	void aBatchThatRunsOutOfTimeReturnsTheAcceptedChunksAndAccountsForTheRest() {
		this.mailgun.accept();
		this.mailgun.enqueue(new mockwebserver3.MockResponse.Builder().code(200)
			.headersDelay(3, java.util.concurrent.TimeUnit.SECONDS)
			.body(LoopbackMailgun.ACCEPTED)
			.build());
		BatchMessage batch = BatchMessage.of(MailgunMessage.builder().from("shop@mg.example.com").subject("s").text("t").build())
			.recipients(List.of(BatchRecipient.of("a@example.com", Map.of()), BatchRecipient.of("b@example.com", Map.of()),
					BatchRecipient.of("c@example.com", Map.of())))
			.chunkSize(1)
			.concurrency(1)
			.build();

		List<BatchResult> results = blocking(Duration.ofMillis(400)).sendBatch(batch);

		assertThat(results).extracting(BatchResult::index).containsExactly(0, 1, 2);
		assertThat(results.get(0).isAccepted()).isTrue();
		assertThat(results.subList(1, 3)).allSatisfy((result) -> {
			assertThat(result.isAccepted()).isFalse();
			assertThat(result.error()).isInstanceOfSatisfying(MailgunTimeoutException.class,
					(ex) -> assertThat(ex.isRequestMayHaveReachedMailgun()).isTrue());
		});
		assertThat(results).flatExtracting(BatchResult::recipients)
			.extracting(BatchRecipient::bareAddress)
			.containsExactly("a@example.com", "b@example.com", "c@example.com");
	}

	@Test
	void refusesToBlockANonBlockingThread() {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Mono.fromRunnable(() -> blocking(Duration.ofSeconds(5)).send(message()))
			.subscribeOn(Schedulers.parallel())
			.doOnError(failure::set)
			.onErrorComplete()
			.block(Duration.ofSeconds(5));
		assertThat(failure.get()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("non-blocking thread")
			.hasMessageContaining("MailgunOperations");
		assertThat(this.mailgun.requestCount()).isZero();
	}

	@Test
	void refusesToBlockTheNettyEventLoopThatDeliveredAResponse() {
		this.mailgun.accept();
		BlockingMailgunOperations blocking = blocking(Duration.ofSeconds(5));
		AtomicReference<String> thread = new AtomicReference<>();
		assertThatThrownBy(() -> this.mailgun.client().send(message()).map(response -> {
			thread.set(Thread.currentThread().getName());
			return blocking.send(message());
		}).block(Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("non-blocking thread");
		assertThat(thread.get()).startsWith("reactor-http-");
		assertThat(this.mailgun.requestCount()).isEqualTo(1);
	}

	@Test
	void timeoutCoversTheFirstAttemptAndTheRetryBudget() {
		MailgunClientSettings settings = MailgunClientSettings.builder("k", "mg.example.com")
			.connectTimeout(Duration.ofSeconds(1))
			.readTimeout(Duration.ofSeconds(2))
			.retry(MailgunRetryPolicy.DEFAULT)
			.build();
		// Retries end by max-elapsed-time (a retry in flight is cancelled then): connect, headers, body, budget.
		assertThat(BlockingMailgunOperations.timeoutFor(settings))
			.isEqualTo(Duration.ofSeconds(1 + 2 * 2).plus(MailgunRetryPolicy.DEFAULT.maxElapsedTime()));
		assertThat(BlockingMailgunOperations.timeoutFor(settings.toBuilder().retry(MailgunRetryPolicy.DISABLED).build()))
			.isEqualTo(Duration.ofSeconds(1 + 2 * 2));
	}

	@Test
	void runtimeHintsCoverJsonTypes() {
		org.springframework.aot.hint.RuntimeHints hints = new org.springframework.aot.hint.RuntimeHints();
		new MailgunRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(org.springframework.aot.hint.predicate.RuntimeHintsPredicates.reflection()
			.onType(io.github.springmailgun.message.SendResponse.class)).accepts(hints);
	}

}
