package io.github.springmailgun.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The posts a mock area made, oldest first, and a wait for a number of them: what
 * {@link MockWebhooks#deliveries()} and {@link MockInbound#deliveries()} record. Thread-safe.
 *
 * @param <T> the kind of post recorded
 */
final class DeliveryLog<T> {

	private final String kind;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition recorded = this.lock.newCondition();

	// Guarded by lock. Oldest first.
	private final List<T> deliveries = new ArrayList<>();

	/**
	 * Creates an empty log.
	 * @param kind what is posted, for the failure of a wait ({@code "webhook post"})
	 */
	DeliveryLog(String kind) {
		this.kind = kind;
	}

	void record(T delivery) {
		this.lock.lock();
		try {
			this.deliveries.add(delivery);
			this.recorded.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	List<T> all() {
		this.lock.lock();
		try {
			return List.copyOf(this.deliveries);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until at least {@code count} posts were recorded.
	 * @param count how many to wait for
	 * @param timeout how long to wait at most
	 * @return every post so far (at least {@code count})
	 * @throws AssertionError when they were not made in time, listing those that were
	 */
	List<T> await(int count, Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		long remaining = timeout.toNanos();
		this.lock.lock();
		try {
			while (this.deliveries.size() < count) {
				if (remaining <= 0) {
					throw new AssertionError("Expected " + count + " " + this.kind + ((count == 1) ? "" : "s")
							+ " within " + timeout.toMillis() + " ms, but the Mailgun mock made " + this.deliveries);
				}
				remaining = this.recorded.awaitNanos(remaining);
			}
			return List.copyOf(this.deliveries);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for " + this.kind + "s of the Mailgun mock", ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	void clear() {
		this.lock.lock();
		try {
			this.deliveries.clear();
		}
		finally {
			this.lock.unlock();
		}
	}

}
