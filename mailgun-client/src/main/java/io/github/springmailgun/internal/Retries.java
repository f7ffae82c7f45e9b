package io.github.springmailgun.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.error.MailgunRateLimitException;
import io.github.springmailgun.error.MailgunServerException;
import io.github.springmailgun.error.MailgunTlsException;
import io.github.springmailgun.error.MailgunTransportException;
import io.github.springmailgun.error.MailgunUnreadableResponseException;
import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Retries failed attempts of a call: decides whether a failure is retried and after how long, and runs
 * the attempts. The rule that matters most: a send that may have reached Mailgun is not repeated,
 * because Mailgun has no idempotency key and would deliver twice.
 */
final class Retries {

	private static final Log logger = LogFactory.getLog(Retries.class);

	private static final Set<Integer> GATEWAY_STATUSES = Set.of(502, 503, 504);

	private final MailgunRetryPolicy policy;

	Retries(MailgunRetryPolicy policy) {
		this.policy = policy;
	}

	/**
	 * Makes the first attempt and, while the policy allows, another after each failure.
	 * @param request the call
	 * @param attempt makes one attempt
	 * @param observation the observation of the call, told of each retry, or {@code null}
	 * @return the result of the last attempt
	 */
	<T> Mono<T> around(ApiRequest request, Attempt<T> attempt, @Nullable Observation observation) {
		return attempt(request, attempt, observation, System.nanoTime(), 1, null);
	}

	/**
	 * Makes attempt number {@code attempts} and, when it fails, asks whether to make another. A fallback
	 * per failure, rather than {@code retryWhen}: a call that succeeds at once (nearly all of them) then
	 * pays for no retry machinery (retryWhen builds a sink, a queue and a companion pipeline on every
	 * subscription). A retry gets what is left of max-elapsed-time; each failure carries the one before it
	 * as suppressed, so the last tells the whole story.
	 */
	private <T> Mono<T> attempt(ApiRequest request, Attempt<T> attempt, @Nullable Observation observation,
			long start, long attempts, @Nullable Throwable previous) {
		Mono<T> made = (attempts == 1) ? Mono.defer(() -> attempt.make(null)) : Mono.defer(() -> attempt
			.make(this.policy.maxElapsedTime().minusNanos(System.nanoTime() - start)));
		return made.onErrorResume(failure -> {
			if (previous != null && previous != failure) {
				failure.addSuppressed(previous);
			}
			Duration delay = delayBeforeRetry(failure, attempts, Duration.ofNanos(System.nanoTime() - start), request);
			if (delay == null) {
				return Mono.error(failure);
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Retrying " + request.method() + " " + request.path() + " in " + delay.toMillis()
						+ " ms after attempt " + attempts + " failed: " + failure.getMessage());
			}
			if (observation != null) {
				observation.event(Observation.Event.of("retry", "retry after " + failure.getClass().getSimpleName()));
			}
			return Mono.delay(delay).then(attempt(request, attempt, observation, start, attempts + 1, failure));
		});
	}

	/**
	 * Returns the delay before the next attempt, or {@code null} to give up.
	 * @param failure what the last attempt failed with
	 * @param attempts how many attempts were made so far
	 * @param elapsed the time since the first attempt started
	 * @param request the call
	 */
	private @Nullable Duration delayBeforeRetry(Throwable failure, long attempts, Duration elapsed, ApiRequest request) {
		if (attempts >= this.policy.effectiveMaxAttempts() || !request.isRepeatable()) {
			return null;
		}
		Duration delay = null;
		if (failure instanceof MailgunRateLimitException rateLimited) {
			// Mailgun did not accept the request: always safe to repeat, after the wait it asked for.
			Duration hint = rateLimited.getRetryAfter().orElseGet(() -> jittered(attempts));
			delay = (hint.compareTo(this.policy.maxBackoff()) > 0) ? null : hint;
		}
		else if (failure instanceof MailgunServerException serverError) {
			int status = serverError.getStatusCode();
			boolean retryable = request.idempotent() ? (status == 500 || GATEWAY_STATUSES.contains(status))
					: (this.policy.retrySendOnServerError() && GATEWAY_STATUSES.contains(status));
			delay = retryable ? jittered(attempts) : null;
		}
		// An untrusted certificate would be met again, and a 2xx means Mailgun has the request: not retried.
		else if (failure instanceof MailgunTransportException transport && !(failure instanceof MailgunTlsException)
				&& !(failure instanceof MailgunUnreadableResponseException)
				&& (!transport.isRequestMayHaveReachedMailgun() || request.idempotent())) {
			delay = jittered(attempts);
		}
		return (delay == null || elapsed.plus(delay).compareTo(this.policy.maxElapsedTime()) > 0) ? null : delay;
	}

	/**
	 * Makes one attempt of a call.
	 *
	 * @param <T> the result type
	 */
	@FunctionalInterface
	interface Attempt<T> {

		/**
		 * Makes the attempt.
		 * @param budget what is left of max-elapsed-time for a retry, which ends it when it runs out;
		 * {@code null} for the first attempt, bounded only by its own timeouts
		 * @return the result
		 */
		Mono<T> make(@Nullable Duration budget);

	}

	/** Exponential backoff with "equal jitter": between half and all of the computed delay. */
	private Duration jittered(long attempts) {
		long millis = this.policy.backoff((int) Math.min(attempts, Integer.MAX_VALUE)).toMillis();
		long half = millis / 2;
		return Duration.ofMillis(half + ((half > 0) ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
	}

}
