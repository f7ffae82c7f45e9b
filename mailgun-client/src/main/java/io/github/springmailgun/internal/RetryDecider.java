package io.github.springmailgun.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.error.MailgunRateLimitException;
import io.github.springmailgun.error.MailgunServerException;
import io.github.springmailgun.error.MailgunTransportException;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a failed attempt is retried and after how long. The rule that matters most: a send
 * that may have reached Mailgun is not repeated, because Mailgun has no idempotency key and would
 * deliver twice.
 */
final class RetryDecider {

	private static final Set<Integer> GATEWAY_STATUSES = Set.of(502, 503, 504);

	private final MailgunRetryPolicy policy;

	RetryDecider(MailgunRetryPolicy policy) {
		this.policy = policy;
	}

	/**
	 * Returns the delay before the next attempt, or {@code null} to give up.
	 * @param failure what the last attempt failed with
	 * @param attempts how many attempts were made so far
	 * @param elapsed the time since the first attempt started
	 * @param request the call
	 */
	@Nullable Duration delayBeforeRetry(Throwable failure, long attempts, Duration elapsed, ApiRequest request) {
		if (attempts >= this.policy.effectiveMaxAttempts() || !request.isRepeatable()) {
			return null;
		}
		Duration delay = delayFor(failure, attempts, request);
		if (delay == null || elapsed.plus(delay).compareTo(this.policy.maxElapsedTime()) > 0) {
			return null;
		}
		return delay;
	}

	private @Nullable Duration delayFor(Throwable failure, long attempts, ApiRequest request) {
		if (failure instanceof MailgunRateLimitException rateLimited) {
			// Mailgun did not accept the request: always safe to repeat, after the wait it asked for.
			Duration hint = rateLimited.getRetryAfter().orElse(null);
			if (hint == null) {
				return jittered(attempts);
			}
			return (hint.compareTo(this.policy.maxBackoff()) > 0) ? null : hint;
		}
		if (failure instanceof MailgunServerException serverError) {
			int status = serverError.getStatusCode();
			boolean retryable = request.idempotent() ? (status == 500 || GATEWAY_STATUSES.contains(status))
					: (this.policy.retrySendOnServerError() && GATEWAY_STATUSES.contains(status));
			return retryable ? jittered(attempts) : null;
		}
		if (failure instanceof MailgunTransportException transport) {
			boolean retryable = !transport.isRequestMayHaveReachedMailgun() || request.idempotent();
			return retryable ? jittered(attempts) : null;
		}
		return null;
	}

	/** Exponential backoff with "equal jitter": between half and all of the computed delay. */
	private Duration jittered(long attempts) {
		long millis = this.policy.backoff((int) Math.min(attempts, Integer.MAX_VALUE)).toMillis();
		long half = millis / 2;
		return Duration.ofMillis(half + ((half > 0) ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
	}

}
