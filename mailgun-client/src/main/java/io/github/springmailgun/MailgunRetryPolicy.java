package io.github.springmailgun;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how often the client retries a failed call.
 *
 * <p>
 * Only failures that cannot duplicate mail are retried: 429 (after the delay Mailgun asks for),
 * failures to connect, and 5xx answers to idempotent calls. A send that may have reached Mailgun is
 * retried on 502/503/504 only when {@link #retrySendOnServerError()} is set, and a send with a part
 * that cannot be read twice (an {@code InputStream}) is never retried.
 *
 * @param enabled whether to retry at all
 * @param maxAttempts the most attempts per call, the first included (at least 1)
 * @param initialBackoff the delay before the first retry, doubled for each further retry
 * @param maxBackoff the longest delay between two attempts; a 429 that asks for a longer wait fails
 * at once with its hint
 * @param maxElapsedTime the longest time spent retrying one call, measured from the start of its first
 * attempt: no retry starts after it, and a retry still in flight when it runs out (connecting, uploading,
 * waiting for or reading the answer) is cancelled with a {@code MailgunTimeoutException} that carries the
 * earlier attempts' failures as suppressed and says whether the cancelled request may have reached
 * Mailgun. The first attempt is bounded only by its own connect, write and read timeouts, so a call ends
 * by the later of its first attempt's end and max-elapsed-time
 * @param retrySendOnServerError whether a send that got 502, 503 or 504 may be retried even though
 * Mailgun may already have accepted it (Mailgun has no idempotency key: opting in may deliver twice)
 */
public record MailgunRetryPolicy(boolean enabled, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
		Duration maxElapsedTime, boolean retrySendOnServerError) {

	/** Three attempts, 500 ms doubling up to 10 s, at most 30 s in all, sends not retried on 5xx. */
	public static final MailgunRetryPolicy DEFAULT = new MailgunRetryPolicy(true, 3, Duration.ofMillis(500), Duration.ofSeconds(10),
			Duration.ofSeconds(30), false);

	/** No retries: every failure reaches the caller at once. */
	public static final MailgunRetryPolicy DISABLED = new MailgunRetryPolicy(false, 1, Duration.ofMillis(500),
			Duration.ofSeconds(10), Duration.ofSeconds(30), false);

	/**
	 * Checks the values.
	 */
	public MailgunRetryPolicy {
		Objects.requireNonNull(initialBackoff, "initialBackoff");
		Objects.requireNonNull(maxBackoff, "maxBackoff");
		Objects.requireNonNull(maxElapsedTime, "maxElapsedTime");
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("retry.max-attempts must be at least 1, was " + maxAttempts);
		}
		if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxElapsedTime.isNegative()) {
			throw new IllegalArgumentException("retry durations must not be negative");
		}
		if (maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("retry.max-backoff (" + maxBackoff
					+ ") must not be shorter than retry.initial-backoff (" + initialBackoff + ")");
		}
	}

	/**
	 * Returns the number of attempts this policy allows, 1 when disabled.
	 * @return the attempts per call
	 */
	public int effectiveMaxAttempts() {
		return this.enabled ? this.maxAttempts : 1;
	}

	/**
	 * Returns the backoff before the given retry, without jitter.
	 * @param retry the retry number, 1 for the first retry
	 * @return the delay, at most {@link #maxBackoff()}
	 */
	public Duration backoff(int retry) {
		long factor = 1L << Math.min(Math.max(retry - 1, 0), 30);
		long initial = this.initialBackoff.toMillis();
		long millis = (initial > Long.MAX_VALUE / factor) ? Long.MAX_VALUE : initial * factor;
		return Duration.ofMillis(Math.min(millis, this.maxBackoff.toMillis()));
	}

	/**
	 * Returns a copy with another number of attempts.
	 * @param maxAttempts the most attempts per call
	 * @return the new policy
	 */
	public MailgunRetryPolicy withMaxAttempts(int maxAttempts) {
		return new MailgunRetryPolicy(this.enabled, maxAttempts, this.initialBackoff, this.maxBackoff, this.maxElapsedTime,
				this.retrySendOnServerError);
	}

	/**
	 * Returns a copy with other backoff bounds.
	 * @param initialBackoff the delay before the first retry
	 * @param maxBackoff the longest delay between two attempts
	 * @return the new policy
	 */
	public MailgunRetryPolicy withBackoff(Duration initialBackoff, Duration maxBackoff) {
		return new MailgunRetryPolicy(this.enabled, this.maxAttempts, initialBackoff, maxBackoff, this.maxElapsedTime,
				this.retrySendOnServerError);
	}

	/**
	 * Returns a copy that retries sends on 502, 503 and 504 or not.
	 * @param retrySendOnServerError whether to retry sends on those statuses
	 * @return the new policy
	 */
	public MailgunRetryPolicy withRetrySendOnServerError(boolean retrySendOnServerError) {
		return new MailgunRetryPolicy(this.enabled, this.maxAttempts, this.initialBackoff, this.maxBackoff,
				this.maxElapsedTime, retrySendOnServerError);
	}

}
