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
		List<T> recorded = waitFor(count, timeout);
		if (recorded.size() < count) {
			throw new AssertionError(Thread.currentThread().isInterrupted()
					? "Interrupted while waiting for " + this.kind + "s of the Mailgun mock"
					: "Expected " + count + " " + this.kind + ((count == 1) ? "" : "s") + " within "
							+ timeout.toMillis() + " ms, but the Mailgun mock made " + recorded);
		}
		return recorded;
	}

	/**
	 * Waits until at least {@code count} posts were recorded or the time is up, for callers that show
	 * what there is rather than fail (the outbox page).
	 * @param count how many to wait for
	 * @param timeout how long to wait at most
	 * @return every post so far, fewer than {@code count} when the time ran out or the thread was interrupted
	 */
	List<T> waitFor(int count, Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		long remaining = timeout.toNanos();
		this.lock.lock();
		try {
			while (this.deliveries.size() < count && remaining > 0) {
				remaining = this.recorded.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.unlock();
		}
		return all();
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
