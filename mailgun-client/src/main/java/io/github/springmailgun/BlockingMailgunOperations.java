package io.github.springmailgun;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import io.github.springmailgun.error.MailgunTimeoutException;
import io.github.springmailgun.message.BatchMessage;
import io.github.springmailgun.message.BatchRecipient;
import io.github.springmailgun.message.BatchResult;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.MimeMessageRequest;
import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.message.StoredMessage;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The Mailgun operations for blocking code (Spring MVC controllers, batch jobs, command-line runners):
 * each call waits for its result, at most {@link #timeout()}. Calling it on a non-blocking thread (a
 * Netty event loop or a Reactor parallel thread) fails at once instead of stalling the event loop.
 */
public class BlockingMailgunOperations {

	private final MailgunOperations operations;

	private final Duration timeout;

	/**
	 * Wraps reactive operations with a wait bounded by the given timeout.
	 * @param operations the reactive operations
	 * @param timeout the longest wait for one call, retries included
	 */
	public BlockingMailgunOperations(MailgunOperations operations, Duration timeout) {
		this.operations = Objects.requireNonNull(operations, "operations");
		this.timeout = Objects.requireNonNull(timeout, "timeout");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive");
		}
	}

	/**
	 * Returns the longest time a call that covers one request and its retries may take under the given
	 * settings. A call ends by the later of its first attempt's end and the retry policy's
	 * {@link MailgunRetryPolicy#maxElapsedTime() max-elapsed-time}; this adds them up, so that the client's
	 * own typed timeouts fire first: the first attempt's connect timeout and its read timeout twice (the
	 * response headers, then the body), plus max-elapsed-time when retries are enabled. An upload is
	 * bounded by its progress (the write timeout), not in total: for very large attachments on slow
	 * links, pass a longer timeout to the constructor.
	 * @param settings the client settings
	 * @return the bound
	 */
	public static Duration timeoutFor(MailgunClientSettings settings) {
		MailgunRetryPolicy retry = settings.retry();
		return settings.connectTimeout()
			.plus(settings.readTimeout().multipliedBy(2))
			.plus(retry.enabled() ? retry.maxElapsedTime() : Duration.ZERO);
	}

	/**
	 * Returns the longest wait for one call.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Returns the reactive operations behind this facade.
	 * @return the reactive operations
	 */
	public MailgunOperations reactive() {
		return this.operations;
	}

	/**
	 * Sends a message and waits for Mailgun's answer.
	 * @param message the message
	 * @return the answer
	 */
	public SendResponse send(MailgunMessage message) {
		return awaitFor(this.operations.send(message), "send", this.timeout);
	}

	/**
	 * Sends a MIME message and waits for Mailgun's answer.
	 * @param request the MIME and its recipients
	 * @return the answer
	 */
	public SendResponse sendMime(MimeMessageRequest request) {
		return awaitFor(this.operations.sendMime(request), "sendMime", this.timeout);
	}

	/**
	 * Sends a batch and waits for every request's result, up to the timeout for each round of
	 * concurrent requests. Requests that did not finish in time are in the list too, each with a
	 * {@link MailgunTimeoutException} that says it may have reached Mailgun: no recipient is left out.
	 * @param batch the batch
	 * @return one result per request, in order
	 */
	public List<BatchResult> sendBatch(BatchMessage batch) {
		List<List<BatchRecipient>> chunks = batch.chunks();
		int rounds = (chunks.size() + batch.concurrency() - 1) / batch.concurrency();
		Duration bound = this.timeout.multipliedBy(Math.max(1, rounds));
		Map<Integer, BatchResult> done = new ConcurrentHashMap<>();
		try {
			awaitFor(this.operations.sendBatch(batch).doOnNext((result) -> done.put(result.index(), result)).count(),
					"sendBatch", bound);
		}
		catch (MailgunTimeoutException ex) {
			// Keep what Mailgun accepted: dropping it would invite resending those chunks.
			for (int index = 0; index < chunks.size(); index++) {
				done.computeIfAbsent(index, (missing) -> new BatchResult(missing, chunks.get(missing), null, ex));
			}
		}
		// Complete: every chunk has a result, from the batch or from the timeout above.
		return IntStream.range(0, chunks.size()).mapToObj((index) -> Objects.requireNonNull(done.get(index))).toList();
	}

	/**
	 * Retrieves a stored message.
	 * @param storageKeyOrUrl the storage key or URL
	 * @return the stored message
	 */
	public StoredMessage storedMessage(String storageKeyOrUrl) {
		return awaitFor(this.operations.storedMessage(storageKeyOrUrl), "storedMessage", this.timeout);
	}

	/**
	 * Sends a stored message again, waiting at most this facade's timeout.
	 * @param storageKeyOrUrl the storage key or URL
	 * @param to the recipients
	 * @return Mailgun's answer: the id of the new message
	 */
	public SendResponse resend(String storageKeyOrUrl, String... to) {
		return awaitFor(this.operations.resend(storageKeyOrUrl, to), "resend", this.timeout);
	}

	/**
	 * Returns blocking operations bound to another domain.
	 * @param domain the other domain
	 * @return the blocking view
	 */
	public BlockingMailgunOperations forDomain(String domain) {
		return new BlockingMailgunOperations(this.operations.forDomain(domain), this.timeout);
	}

	/**
	 * Returns the sending domain.
	 * @return the domain
	 */
	public String domain() {
		return this.operations.domain();
	}

	private <T> T awaitFor(Mono<T> call, String operation, Duration bound) {
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException("BlockingMailgunOperations." + operation + " was called on the non-blocking thread '"
					+ Thread.currentThread().getName() + "'; use the reactive MailgunOperations there, or move the "
					+ "call to a blocking scheduler (Schedulers.boundedElastic())");
		}
		try {
			return call.blockOptional(bound)
				.orElseThrow(() -> new IllegalStateException("Mailgun " + operation + " completed without a result"));
		}
		catch (IllegalStateException ex) {
			if (ex.getMessage() != null && ex.getMessage().startsWith("Timeout on blocking read")) {
				throw new MailgunTimeoutException("Mailgun " + operation + " did not complete within " + bound, ex, true);
			}
			throw ex;
		}
	}

}
