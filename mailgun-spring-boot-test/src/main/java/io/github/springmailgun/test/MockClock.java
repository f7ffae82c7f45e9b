package io.github.springmailgun.test;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The time of a {@link MailgunMockServer}: when events happen and webhooks are posted and retried. The
 * {@linkplain #system() system clock} runs them on the real clock, on daemon threads of the server; a
 * {@linkplain #manual(Instant) manual clock} stands still until a test {@linkplain #advance(Duration)
 * advances} it, and then runs what fell due in the advancing thread, in time order, so a test sees
 * a {@code delivered} event or a webhook retry without waiting:
 *
 * <pre class="code">
 * MockClock clock = MockClock.manual(Instant.parse("2026-01-01T00:00:00Z"));
 * try (MailgunMockServer mock = MailgunMockServer.builder().clock(clock).start()) {
 *     // ... send ...
 *     clock.advance(Duration.ofMinutes(10)); // deliveries and retries due by then have run
 * }
 * </pre>
 *
 * <p>
 * A clock belongs to one server. Thread-safe.
 */
public final class MockClock {

	private static final System.Logger LOGGER = System.getLogger(MockClock.class.getName());

	private final boolean manual;

	private final ReentrantLock lock = new ReentrantLock();

	private final AtomicLong sequence = new AtomicLong();

	// Guarded by lock. Manual clock only.
	private final PriorityQueue<Task> due = new PriorityQueue<>();

	// Guarded by lock. Manual clock only.
	private Instant now;

	// Guarded by lock. System clock only: created on the first task.
	private @Nullable ScheduledThreadPoolExecutor executor;

	// Tasks scheduled before the last cancelAll() do not run.
	private volatile long generation;

	private volatile boolean closed;

	private MockClock(boolean manual, Instant start) {
		this.manual = manual;
		this.now = start;
	}

	/**
	 * Returns a clock that follows the real time.
	 * @return a new clock
	 */
	public static MockClock system() {
		return new MockClock(false, Instant.EPOCH);
	}

	/**
	 * Returns a clock that stands still until {@link #advance(Duration)} moves it.
	 * @param start the time it shows first
	 * @return a new clock
	 */
	public static MockClock manual(Instant start) {
		return new MockClock(true, Objects.requireNonNull(start, "start"));
	}

	/**
	 * Returns whether this clock only moves when told to.
	 * @return whether it is manual
	 */
	public boolean isManual() {
		return this.manual;
	}

	/**
	 * Returns the current time.
	 * @return the time
	 */
	public Instant now() {
		if (!this.manual) {
			return Instant.now();
		}
		this.lock.lock();
		try {
			return this.now;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Moves a manual clock forward, running every task that falls due on the way, in time order, in the
	 * calling thread (a task that schedules another one within the span runs it too).
	 * @param duration how far to move, not negative
	 * @return this clock
	 * @throws IllegalStateException for the system clock
	 */
	public MockClock advance(Duration duration) {
		Objects.requireNonNull(duration, "duration");
		if (!this.manual) {
			throw new IllegalStateException("The system clock cannot be advanced; build the mock with MockClock.manual(...)");
		}
		if (duration.isNegative()) {
			throw new IllegalArgumentException("duration must not be negative, was " + duration);
		}
		Instant target;
		this.lock.lock();
		try {
			target = this.now.plus(duration);
		}
		finally {
			this.lock.unlock();
		}
		while (true) {
			Task next;
			this.lock.lock();
			try {
				Task head = this.due.peek();
				if (head == null || head.at().isAfter(target)) {
					this.now = target;
					return this;
				}
				next = this.due.remove();
				if (next.at().isAfter(this.now)) {
					this.now = next.at();
				}
			}
			finally {
				this.lock.unlock();
			}
			// Outside the lock: a task may schedule more, or call into the server.
			if (next.generation() == this.generation) {
				next.task().run();
			}
		}
	}

	/**
	 * Returns how many tasks wait on a manual clock (events, webhook posts and retries not yet due).
	 * @return the number of waiting tasks, 0 for the system clock
	 */
	public int pendingTasks() {
		this.lock.lock();
		try {
			return this.due.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Runs a task after a delay: on a thread of this clock for the system clock, in {@link #advance} for a
	 * manual one. A zero delay on a manual clock still waits for the next {@code advance}, so that a task
	 * never runs inside the request that scheduled it.
	 */
	void schedule(Duration delay, Runnable task) {
		if (this.closed) {
			return;
		}
		long taskGeneration = this.generation;
		Runnable guarded = () -> {
			if (this.generation == taskGeneration && !this.closed) {
				try {
					task.run();
				}
				catch (RuntimeException | Error ex) {
					// A scheduled task has no caller to tell: an executor would keep the failure in a Future
					// nobody reads, and a webhook post would silently never happen.
					LOGGER.log(System.Logger.Level.ERROR, "A task of the Mailgun mock failed: " + ex, ex);
					if (this.manual) {
						throw ex;
					}
				}
			}
		};
		this.lock.lock();
		try {
			if (this.manual) {
				this.due.add(new Task(this.now.plus(delay), this.sequence.incrementAndGet(), taskGeneration, guarded));
				return;
			}
			ScheduledThreadPoolExecutor running = this.executor;
			if (running == null) {
				running = new ScheduledThreadPoolExecutor(2, runnable -> {
					Thread thread = new Thread(runnable, "mailgun-mock-clock");
					thread.setDaemon(true);
					return thread;
				});
				running.setRemoveOnCancelPolicy(true);
				this.executor = running;
			}
			running.schedule(guarded, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Drops every task scheduled so far (the server was reset). */
	void cancelAll() {
		this.lock.lock();
		try {
			this.generation++;
			this.due.clear();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Stops the clock's threads; tasks still waiting never run. */
	void close() {
		this.closed = true;
		this.lock.lock();
		try {
			this.due.clear();
			if (this.executor != null) {
				this.executor.shutdownNow();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public String toString() {
		return this.manual ? "MockClock.manual[" + now() + "]" : "MockClock.system";
	}

	private record Task(Instant at, long order, long generation, Runnable task) implements Comparable<Task> {

		@Override
		public int compareTo(Task other) {
			int byTime = this.at.compareTo(other.at);
			return (byTime != 0) ? byTime : Long.compare(this.order, other.order);
		}

	}

}
