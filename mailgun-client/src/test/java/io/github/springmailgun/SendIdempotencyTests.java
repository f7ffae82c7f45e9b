package io.github.springmailgun;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.springmailgun.error.MailgunBadRequestException;
import io.github.springmailgun.error.MailgunIdempotencyException;
import io.github.springmailgun.error.MailgunIdempotencyException.Reason;
import io.github.springmailgun.error.MailgunServerException;
import io.github.springmailgun.error.MailgunTimeoutException;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.BatchMessage;
import io.github.springmailgun.message.InMemorySendIdempotencyStore;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sends with an idempotency key: a repeat returns the first answer without a request, and anything that
 * might send the message twice fails with the reason instead, against a loopback server that counts requests.
 */
class SendIdempotencyTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final LoopbackMailgun server = LoopbackMailgun.start();

	private final MailgunTemplate mailgun = this.server.mailgun();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void repeatReturnsTheRecordedAnswerWithoutASecondRequest() {
		this.server.accept();
		SendResponse first = this.mailgun.send(message("order-42", "Shipped")).block(TIMEOUT);
		SendResponse second = this.mailgun.send(message("order-42", "Shipped")).block(TIMEOUT);

		assertThat(second).isEqualTo(first);
		assertThat(second.messageId()).isEqualTo("20261128.1.ABC@mg.example.com");
		assertThat(LoopbackMailgun.multipartFields(this.server.take().request()).toString()).doesNotContain("order-42");
		this.server.assertNoMoreRequests();
	}

	@Test
	void twoClientsOnOneStoreSendOnce() {
		InMemorySendIdempotencyStore store = new InMemorySendIdempotencyStore();
		MailgunTemplate one = this.server.client();
		MailgunTemplate two = this.server.client();
		one.setIdempotencyStore(store);
		two.setIdempotencyStore(store);
		this.server.accept();

		SendResponse first = one.send(message("order-42", "Shipped")).block(TIMEOUT);
		assertThat(two.send(message("order-42", "Shipped")).block(TIMEOUT)).isEqualTo(first);
		this.server.take();
		this.server.assertNoMoreRequests();
	}

	@Test
	void anotherMessageUnderTheSameKeyIsAMismatch() {
		this.server.accept();
		this.mailgun.send(message("order-42", "Shipped")).block(TIMEOUT);

		assertRefused(this.mailgun.send(message("order-42", "Cancelled")).toFuture(), "order-42", Reason.MISMATCH);
		assertRefused(this.mailgun.forDomain("other.example.com").messages().send(message("order-42", "Shipped"))
			.toFuture(), "order-42", Reason.MISMATCH);
		this.server.take();
		this.server.assertNoMoreRequests();
	}

	@Test
	void attachmentBytesArePartOfTheRequest() {
		this.server.accept();
		MailgunMessage withInvoice = message("order-42", "Shipped").toBuilder()
			.attachment(Attachment.of("invoice.pdf", new byte[] { 1, 2, 3 }))
			.build();
		this.mailgun.send(withInvoice).block(TIMEOUT);

		MailgunMessage otherInvoice = message("order-42", "Shipped").toBuilder()
			.attachment(Attachment.of("invoice.pdf", new byte[] { 1, 2, 4 }))
			.build();
		assertRefused(this.mailgun.send(otherInvoice).toFuture(), "order-42", Reason.MISMATCH);
		assertThat(this.mailgun.send(withInvoice).block(TIMEOUT)).isNotNull();
		this.server.take();
		this.server.assertNoMoreRequests();
	}

	@Test
	void repeatWhileTheFirstIsInFlightIsRefused() throws Exception {
		CountDownLatch answer = new CountDownLatch(1);
		this.server.dispatch(held(answer));
		CompletableFuture<SendResponse> first = this.mailgun.send(message("order-42", "Shipped")).toFuture();
		this.server.takeRequest();

		assertRefused(this.mailgun.send(message("order-42", "Shipped")).toFuture(), "order-42", Reason.IN_FLIGHT);
		answer.countDown();
		SendResponse sent = first.get(10, TimeUnit.SECONDS);
		assertThat(this.mailgun.send(message("order-42", "Shipped")).block(TIMEOUT)).isEqualTo(sent);
		this.server.assertNoMoreRequests();
	}

	@Test
	void anInFlightMarkerPastItsLeaseIsAnUnknownOutcome() throws Exception {
		CountDownLatch answer = new CountDownLatch(1);
		this.server.dispatch(held(answer));
		this.mailgun.setIdempotencyInFlightLease(Duration.ofMillis(200));
		CompletableFuture<SendResponse> first = this.mailgun.send(message("order-42", "Shipped")).toFuture();
		this.server.takeRequest();
		Thread.sleep(400);

		assertRefused(this.mailgun.send(message("order-42", "Shipped")).toFuture(), "order-42",
				Reason.UNKNOWN_OUTCOME);
		answer.countDown();
		first.get(10, TimeUnit.SECONDS);
		this.server.assertNoMoreRequests();
	}

	@Test
	void aSendCancelledMidFlightIsAnUnknownOutcome() throws Exception {
		CountDownLatch answer = new CountDownLatch(1);
		this.server.dispatch(held(answer));
		reactor.core.Disposable sending = this.mailgun.send(message("order-42", "Shipped")).subscribe();
		this.server.takeRequest();
		sending.dispose();

		// The record of the cancellation is written after the cancel returns: wait for it, not for a time.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		MailgunIdempotencyException refused = null;
		while (System.nanoTime() < deadline) {
			try {
				this.mailgun.send(message("order-42", "Shipped")).block(TIMEOUT);
			}
			catch (MailgunIdempotencyException ex) {
				refused = ex;
				if (ex.getReason() != Reason.IN_FLIGHT) {
					break;
				}
			}
			Thread.sleep(20);
		}
		assertThat(refused).isNotNull().extracting(MailgunIdempotencyException::getReason).isEqualTo(Reason.UNKNOWN_OUTCOME);
		answer.countDown();
		this.server.assertNoMoreRequests();
	}

	@Test
	void repeatAfterAReadTimeoutIsAnUnknownOutcome() {
		MailgunTemplate impatient = new MailgunTemplate(this.server.settings().readTimeout(Duration.ofMillis(300)).build());
		this.server.enqueue(new MockResponse.Builder().code(200)
			.body(LoopbackMailgun.ACCEPTED)
			.addHeader("Content-Type", "application/json")
			.headersDelay(2, TimeUnit.SECONDS)
			.build());

		assertThatThrownBy(() -> impatient.send(message("order-42", "Shipped")).block(TIMEOUT))
			.isInstanceOf(MailgunTimeoutException.class);
		assertRefused(impatient.send(message("order-42", "Shipped")).toFuture(), "order-42", Reason.UNKNOWN_OUTCOME);
		this.server.takeRequest();
		this.server.assertNoMoreRequests();
	}

	@Test
	void repeatAfterAServerErrorIsAnUnknownOutcome() {
		this.server.respond(500, "{\"message\":\"oops\"}");
		assertThatThrownBy(() -> this.mailgun.send(message("order-42", "Shipped")).block(TIMEOUT))
			.isInstanceOf(MailgunServerException.class);
		assertRefused(this.mailgun.send(message("order-42", "Shipped")).toFuture(), "order-42", Reason.UNKNOWN_OUTCOME);
		this.server.take();
		this.server.assertNoMoreRequests();
	}

	@Test
	void aRefusedSendReleasesTheKey() {
		this.server.respond(400, "{\"message\":\"'to' parameter is not a valid address\"}").accept();
		assertThatThrownBy(() -> this.mailgun.send(message("order-42", "Shipped")).block(TIMEOUT))
			.isInstanceOf(MailgunBadRequestException.class);

		assertThat(this.mailgun.send(message("order-42", "Fixed")).block(TIMEOUT)).isNotNull();
		this.server.take();
		this.server.take();
		this.server.assertNoMoreRequests();
	}

	@Test
	void keysAreChecked() {
		assertThatThrownBy(() -> MailgunMessage.builder().idempotencyKey(" "))
			.isInstanceOfSatisfying(MailgunValidationException.class,
					ex -> assertThat(ex.getParameter()).isEqualTo("idempotency-key"));
		assertThatThrownBy(() -> MailgunMessage.builder().idempotencyKey("a\nb"))
			.isInstanceOf(MailgunValidationException.class);
		assertThatThrownBy(() -> MailgunMessage.builder().idempotencyKey("k".repeat(257)))
			.isInstanceOfSatisfying(MailgunValidationException.class,
					ex -> assertThat(ex.getRule()).contains("256"));
		assertThat(MailgunMessage.builder().idempotencyKey("k".repeat(256))).isNotNull();
	}

	@Test
	void batchesRefuseAKey() {
		assertThatThrownBy(() -> BatchMessage.of(message("order-42", "Shipped")))
			.isInstanceOfSatisfying(MailgunValidationException.class,
					ex -> assertThat(ex.getParameter()).isEqualTo("idempotency-key"));
	}

	private static MailgunMessage message(String key, String text) {
		return MailgunMessage.builder()
			.from("shop@mg.example.com")
			.to("alice@example.com")
			.subject("Your order")
			.text(text)
			.idempotencyKey(key)
			.build();
	}

	private static void assertRefused(CompletableFuture<SendResponse> send, String key, Reason reason) {
		assertThatThrownBy(() -> send.get(10, TimeUnit.SECONDS)).cause()
			.isInstanceOfSatisfying(MailgunIdempotencyException.class, ex -> {
				assertThat(ex.getReason()).isEqualTo(reason);
				assertThat(ex.getIdempotencyKey()).isEqualTo(key);
				assertThat(ex.getMessage()).contains("'" + key + "'").doesNotContain(LoopbackMailgun.API_KEY);
			});
	}

	/** Accepts every send, but answers only once the latch opens. */
	private static Dispatcher held(CountDownLatch answer) {
		return new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				answer.await(10, TimeUnit.SECONDS);
				return new MockResponse.Builder().code(200)
					.body(LoopbackMailgun.ACCEPTED)
					.addHeader("Content-Type", "application/json")
					.build();
			}

		};
	}

}
