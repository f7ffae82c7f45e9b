package io.github.springmailgun.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The events of a {@link MailgunMockServer}: what happens to each accepted message, per recipient
 * ({@code to}, {@code cc} and {@code bcc}), as Mailgun records it. Served by the Events API
 * ({@code GET /v3/{domain}/events}, paged by tokens in the path as Mailgun's links are) and the Logs API
 * ({@code POST /v1/analytics/logs}), and posted to webhooks.
 *
 * <p>
 * Each recipient gets {@code accepted} at once, then, {@linkplain #deliveryDelay(Duration) 500 ms
 * later} on the server's {@link MockClock} (on a manual clock: when a test advances it that far):
 * <ul>
 * <li>a permanent {@code failed} event with reason {@code suppress-bounce},
 * {@code suppress-unsubscribe} or {@code suppress-complaint} when the address is on a suppression
 * list of the domain ({@link MailgunMockServer#suppressions()});</li>
 * <li>otherwise the {@linkplain #script(MockOutcome) scripted} outcome of the first script, newest
 * first, whose pattern matches the address, else that of the built-in conventions of
 * {@link MockOutcome} ({@code bounce@...}, {@code defer@...}, ...), else {@code delivered}.</li>
 * </ul>
 * A message sent in test mode ({@code o:testmode}) is marked {@code delivered} with the flag
 * {@code is-test-mode}, as Mailgun does, without scripted outcomes (Mailgun never hands it to the
 * recipient's server); suppressions still apply.
 *
 * <p>
 * Over HTTP (for the container), without the API key: {@code GET /mock/events} answers every event,
 * oldest first, as {@code {"items": [...]}}; {@code POST /mock/outcomes} scripts an outcome from a JSON
 * body {@code {"recipient": "<regex>", "outcome": "bounce", "delay": "PT1M", "url": "..."}} ({@code delay}
 * ISO-8601 and {@code url}, for {@code click}, optional); {@code DELETE /mock/outcomes} removes the
 * scripts.
 *
 * <p>
 * {@link MailgunMockServer#reset()} forgets the events and scripts and drops events not yet due; the
 * delivery delay stays. Thread-safe.
 */
public final class MockEvents {

	/** The delivery delay of a new server. */
	public static final Duration DEFAULT_DELIVERY_DELAY = Duration.ofMillis(500);

	private final MockClock clock;

	private final MockSuppressions suppressions;

	private final SuppressionStore store;

	private final EventWriter writer = new EventWriter();

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock. In the order published.
	private final List<Recorded> events = new ArrayList<>();

	// Guarded by lock. Newest first.
	private final List<MockOutcome> scripts = new ArrayList<>();

	// Guarded by lock.
	private long sequence;

	private final List<Consumer<MockEvent>> listeners = new CopyOnWriteArrayList<>();

	private volatile Duration deliveryDelay = DEFAULT_DELIVERY_DELAY;

	MockEvents(MockClock clock, MockSuppressions suppressions) {
		this(clock, suppressions, SuppressionStore.of(suppressions));
	}

	/** For tests of the suppressed path, with a store of their own. */
	MockEvents(MockClock clock, MockSuppressions suppressions, SuppressionStore store) {
		this.clock = clock;
		this.suppressions = suppressions;
		this.store = store;
	}

	/**
	 * Returns every event recorded since the start or the last reset.
	 * @return the events, in the order they happened
	 */
	public List<MockEvent> all() {
		this.lock.lock();
		try {
			return this.events.stream().map(Recorded::event).toList();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Returns the events of one message.
	 * @param messageId the message id, with or without angle brackets
	 * @return the events, in the order they happened
	 */
	public List<MockEvent> forMessage(String messageId) {
		String bare = Objects.requireNonNull(messageId, "messageId").replaceAll("^<|>$", "");
		return all().stream().filter(event -> event.messageId().equals(bare)).toList();
	}

	/**
	 * Scripts what happens to the messages of the recipients an outcome matches, from the next delivery
	 * attempt on; a later script wins over an earlier one that matches the same address.
	 * @param outcome the outcome
	 * @return these events
	 */
	public MockEvents script(MockOutcome outcome) {
		Objects.requireNonNull(outcome, "outcome");
		this.lock.lock();
		try {
			this.scripts.add(0, outcome);
		}
		finally {
			this.lock.unlock();
		}
		return this;
	}

	/**
	 * Removes every scripted outcome; the built-in conventions of {@link MockOutcome} still apply.
	 * @return these events
	 */
	public MockEvents clearScripts() {
		this.lock.lock();
		try {
			this.scripts.clear();
		}
		finally {
			this.lock.unlock();
		}
		return this;
	}

	/**
	 * Sets how long after {@code accepted} a message is delivered (or fails): {@link #DEFAULT_DELIVERY_DELAY}
	 * unless set. Applies to messages accepted from now on.
	 * @param delay the delay, not negative
	 * @return these events
	 */
	public MockEvents deliveryDelay(Duration delay) {
		Objects.requireNonNull(delay, "delay");
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative, was " + delay);
		}
		this.deliveryDelay = delay;
		return this;
	}

	/**
	 * Returns how long after {@code accepted} a message is delivered.
	 * @return the delay
	 */
	public Duration deliveryDelay() {
		return this.deliveryDelay;
	}

	/** Adds the endpoints of the Events and Logs APIs and the mock's control of events. */
	void register(MockRoutes routes) {
		new EventEndpoints(this).register(routes);
	}

	/** Starts the events of a message the mock just accepted. */
	void accepted(MockMessage message) {
		Duration delay = this.deliveryDelay;
		for (String recipient : message.recipients()) {
			publish(this.writer.accepted(message, recipient, this.clock.now()));
			MockOutcome outcome = message.isTestMode() ? null : outcomeFor(recipient);
			this.clock.schedule(delay, () -> attempt(message, recipient, outcome));
		}
	}

	private @Nullable MockOutcome outcomeFor(String recipient) {
		this.lock.lock();
		try {
			for (MockOutcome script : this.scripts) {
				if (script.matches(recipient)) {
					return script;
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		for (MockOutcome convention : MockOutcome.CONVENTIONS) {
			if (convention.matches(recipient)) {
				return convention;
			}
		}
		return null;
	}

	/** The delivery attempt: suppressed, or the outcome. Suppression lists change before the event is told. */
	private void attempt(MockMessage message, String recipient, @Nullable MockOutcome outcome) {
		String domain = message.domain();
		String reason = this.store.suppressionReason(domain, recipient, message.tags());
		if (reason != null) {
			publish(this.writer.suppressed(message, recipient, this.clock.now(), reason));
			return;
		}
		MockOutcome.Kind kind = (outcome != null) ? outcome.kind() : MockOutcome.Kind.DELIVER;
		Duration later = (outcome != null) ? outcome.delay() : Duration.ZERO;
		switch (kind) {
			case BOUNCE -> after(later, () -> {
				this.store.bounce(domain, recipient, 550, EventWriter.BOUNCE_MESSAGE);
				publish(this.writer.bounced(message, recipient, this.clock.now()));
			});
			case DEFER -> {
				publish(this.writer.deferred(message, recipient, this.clock.now(), later.toSeconds()));
				after(later, () -> publish(this.writer.delivered(message, recipient, this.clock.now(), 2)));
			}
			default -> {
				publish(this.writer.delivered(message, recipient, this.clock.now(), 1));
				if (kind != MockOutcome.Kind.DELIVER) {
					after(later, () -> engage(kind, message, recipient, (outcome != null) ? outcome.url() : null));
				}
			}
		}
	}

	private void engage(MockOutcome.Kind kind, MockMessage message, String recipient, @Nullable String url) {
		String domain = message.domain();
		String event = switch (kind) {
			case OPEN -> "opened";
			case CLICK -> "clicked";
			case COMPLAIN -> "complained";
			default -> "unsubscribed";
		};
		if (kind == MockOutcome.Kind.COMPLAIN) {
			this.store.complain(domain, recipient);
		}
		else if (kind == MockOutcome.Kind.UNSUBSCRIBE) {
			this.store.unsubscribe(domain, recipient, null);
		}
		publish(this.writer.engagement(event, message, recipient, this.clock.now(),
				(kind == MockOutcome.Kind.CLICK) ? url : null));
	}

	/** Runs a step of a delivery now, inside the clock's task, or later. */
	private void after(Duration delay, Runnable step) {
		if (delay.isZero()) {
			step.run();
		}
		else {
			this.clock.schedule(delay, step);
		}
	}

	/** Tells a listener (webhook delivery, the outbox page) of every event from now on. */
	void listen(Consumer<MockEvent> listener) {
		this.listeners.add(listener);
	}

	/** Records an event and tells the listeners, outside the lock: they may call back into the mock. */
	void publish(MockEvent event) {
		this.lock.lock();
		try {
			this.events.add(new Recorded(++this.sequence, event));
		}
		finally {
			this.lock.unlock();
		}
		for (Consumer<MockEvent> listener : this.listeners) {
			listener.accept(event);
		}
	}

	/** The events with the order they were recorded in, for paging. */
	List<Recorded> recorded() {
		this.lock.lock();
		try {
			return List.copyOf(this.events);
		}
		finally {
			this.lock.unlock();
		}
	}

	void reset() {
		this.lock.lock();
		try {
			this.events.clear();
			this.scripts.clear();
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

	/**
	 * An event and its place in the order of recording: events of the same instant keep it.
	 *
	 * @param sequence the place, from 1
	 * @param event the event
	 */
	record Recorded(long sequence, MockEvent event) {
	}

	/**
	 * What the events need of the suppression lists: the package-private API of {@link MockSuppressions}.
	 */
	interface SuppressionStore {

		@Nullable String suppressionReason(String domain, String address, List<String> tags);

		boolean bounce(String domain, String address, int code, String error);

		void complain(String domain, String address);

		void unsubscribe(String domain, String address, @Nullable String tag);

		static SuppressionStore of(MockSuppressions suppressions) {
			return new SuppressionStore() {

				@Override
				public @Nullable String suppressionReason(String domain, String address, List<String> tags) {
					return suppressions.suppressionReason(domain, address, tags);
				}

				@Override
				public boolean bounce(String domain, String address, int code, String error) {
					return suppressions.bounce(domain, address, code, error);
				}

				@Override
				public void complain(String domain, String address) {
					suppressions.complain(domain, address);
				}

				@Override
				public void unsubscribe(String domain, String address, @Nullable String tag) {
					suppressions.unsubscribe(domain, address, tag);
				}

			};
		}

	}

}
