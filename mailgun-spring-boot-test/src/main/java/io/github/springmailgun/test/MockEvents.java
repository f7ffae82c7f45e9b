package io.github.springmailgun.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The events of a {@link MailgunMockServer}: what happens to each accepted message, per recipient, as
 * Mailgun records it (served by the Events and Logs APIs, posted to webhooks).
 *
 * <p>
 * Thread-safe.
 */
public final class MockEvents {

	private final MockClock clock;

	private final MockSuppressions suppressions;

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock. Oldest first.
	private final List<MockEvent> events = new ArrayList<>();

	private final List<Consumer<MockEvent>> listeners = new CopyOnWriteArrayList<>();

	MockEvents(MockClock clock, MockSuppressions suppressions) {
		this.clock = clock;
		this.suppressions = suppressions;
	}

	/**
	 * Returns every event recorded since the start or the last reset.
	 * @return the events, oldest first
	 */
	public List<MockEvent> all() {
		this.lock.lock();
		try {
			return List.copyOf(this.events);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Adds the endpoints of the Events and Logs APIs. */
	void register(MockRoutes routes) {
	}

	/** Starts the events of a message the mock just accepted. */
	void accepted(MockMessage message) {
	}

	/** Tells a listener (webhook delivery, the outbox page) of every event from now on. */
	void listen(Consumer<MockEvent> listener) {
		this.listeners.add(listener);
	}

	/** Records an event and tells the listeners, outside the lock: they may call back into the mock. */
	void publish(MockEvent event) {
		this.lock.lock();
		try {
			this.events.add(event);
		}
		finally {
			this.lock.unlock();
		}
		for (Consumer<MockEvent> listener : this.listeners) {
			listener.accept(event);
		}
	}

	void reset() {
		this.lock.lock();
		try {
			this.events.clear();
		}
		finally {
			this.lock.unlock();
		}
	}

	MockClock clock() {
		return this.clock;
	}

	MockSuppressions suppressions() {
		return this.suppressions;
	}

}
