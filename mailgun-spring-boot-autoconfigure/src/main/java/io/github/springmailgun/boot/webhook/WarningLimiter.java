package io.github.springmailgun.boot.webhook;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a WARN through at most once a minute, for the webhook and inbound endpoints' rejections that anyone
 * can provoke (bad signatures) or that repeat with every retry (a clock behind Mailgun's): the first WARN
 * says what to fix, the rest go to DEBUG. Thread-safe.
 */
public final class WarningLimiter {

	private static final long INTERVAL = TimeUnit.MINUTES.toNanos(1);

	// System.nanoTime() of the last WARN, 0 before the first.
	private final AtomicLong warnedAt = new AtomicLong();

	/**
	 * Returns whether to log this occurrence at WARN: the first one, and then the first a minute or more
	 * after the last WARN.
	 * @return {@code true} to log at WARN, {@code false} to log at DEBUG
	 */
	public boolean shouldWarn() {
		long now = System.nanoTime();
		long last = this.warnedAt.get();
		if (last != 0 && now - last < INTERVAL) {
			return false;
		}
		return this.warnedAt.compareAndSet(last, (now != 0) ? now : 1);
	}

}
