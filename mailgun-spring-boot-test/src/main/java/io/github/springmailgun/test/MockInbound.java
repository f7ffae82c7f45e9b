package io.github.springmailgun.test;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Received mail of a {@link MailgunMockServer}: {@link #receive(MockInboundMessage)} runs the
 * {@linkplain MockInboundRoutes routes} that match the recipient, in priority order up to {@code stop()},
 * and posts the message to each {@code forward(url)} as Mailgun does (the parsed form, or the raw MIME
 * form for a URL ending in {@code mime}), signed with the {@linkplain MockWebhooks#signingKey() webhook
 * signing key}, on the mock's {@link MockClock} like webhook posts. A post answered with neither 2xx nor
 * 406 (Mailgun's "stop"), or not answered, is retried on {@linkplain #retrySchedule() Mailgun's schedule
 * for routes}; {@link #deliveries()} records every attempt. A {@code forward} to an email address
 * is recorded, not sent. {@code store()} keeps the message where the stored-message API serves it
 * ({@link #storedMessages()}); {@code store(notify="url")} also posts Mailgun's store-notify form to the URL,
 * with {@code message-url} and the attachments as a JSON list of links instead of files.
 *
 * <p>
 * Thread-safe.
 */
public final class MockInbound {

	private static final Pattern FORWARD = Pattern.compile("^\\s*forward\\(\\s*[\"'](.*)[\"']\\s*\\)\\s*$");

	private static final Pattern STORE = Pattern
		.compile("^\\s*store\\(\\s*(?:notify\\s*=\\s*[\"'](.*)[\"']\\s*)?\\)\\s*$");

	private final MailgunMockServer server;

	private final MockInboundRoutes routes;

	private final MockWebhooks webhooks;

	private final InboundPoster poster;

	private final DeliveryLog<MockInboundDelivery> deliveries = new DeliveryLog<>("inbound post");

	// Oldest first.
	private final List<MockStoredMessage> stored = new CopyOnWriteArrayList<>();

	MockInbound(MailgunMockServer server, MockInboundRoutes routes, MockWebhooks webhooks) {
		this.server = server;
		this.routes = routes;
		this.webhooks = webhooks;
		this.poster = new InboundPoster(this, webhooks);
	}

	/**
	 * Receives a message: each matching route's {@code forward} and {@code store} actions are run, URLs
	 * posted to as a task of the mock's clock (so on the system clock this returns before the posts are made; use
	 * {@link #awaitDeliveries(int, Duration)}).
	 * @param message the message
	 * @return the routes that matched, in the order they ran; empty when none did and nothing is posted
	 */
	public List<MockRoute> receive(MockInboundMessage message) {
		return deliver(message).routes();
	}

	/** Runs the routes for a message; the receipt counts the deliveries it will record (first attempts). */
	Receipt deliver(MockInboundMessage message) {
		Objects.requireNonNull(message, "message");
		List<MockRoute> matched = this.routes.matchingAll(message.recipient(),
				MockInboundRoutes.byLowerCaseName(message.allHeaders()));
		int deliveries = 0;
		for (MockRoute route : matched) {
			for (String action : route.actions()) {
				Matcher forward = FORWARD.matcher(action);
				Matcher store = STORE.matcher(action);
				if (forward.matches()) {
					forward(route, forward.group(1), message);
					deliveries++;
				}
				else if (store.matches() && store(route, store.group(1), message)) {
					deliveries++;
				}
			}
		}
		return new Receipt(matched, deliveries);
	}

	/**
	 * Returns the messages that routes' {@code store()} actions kept since the start or the last reset,
	 * served by the stored-message API as Mailgun serves them.
	 * @return the stored messages, oldest first
	 */
	public List<MockStoredMessage> storedMessages() {
		return List.copyOf(this.stored);
	}

	/**
	 * Returns the delays before each retry of a post to a route's URL that failed: Mailgun's for routes
	 * (10 min, 15 min, 30 min, 1 h, 2 h, 4 h; webhooks start at 5 min), divided by the webhooks' compression.
	 * @return the delays, in order
	 */
	public List<Duration> retrySchedule() {
		return this.poster.retrySchedule();
	}

	/**
	 * Returns every post (and recorded forward to an address) since the start or the last reset.
	 * @return the deliveries, oldest first
	 */
	public List<MockInboundDelivery> deliveries() {
		return this.deliveries.all();
	}

	/**
	 * Waits until at least {@code count} deliveries were made, for posts on the system clock.
	 * @param count how many to wait for
	 * @param timeout how long to wait at most
	 * @return every delivery so far (at least {@code count})
	 * @throws AssertionError when they were not made in time, listing those that were
	 */
	public List<MockInboundDelivery> awaitDeliveries(int count, Duration timeout) {
		return this.deliveries.await(count, timeout);
	}

	/** Waits for deliveries as {@link #awaitDeliveries} does, but returns what there is when the time is up. */
	List<MockInboundDelivery> waitForDeliveries(int count, Duration timeout) {
		return this.deliveries.waitFor(count, timeout);
	}

	/** Finds a stored message by its domain and storage key. */
	Optional<MockStoredMessage> stored(String domain, String storageKey) {
		return this.stored.stream()
			.filter((message) -> message.storageKey().equals(storageKey) && message.domain().equalsIgnoreCase(domain))
			.findFirst();
	}

	private void forward(MockRoute route, String target, MockInboundMessage message) {
		if (target.startsWith("http://") || target.startsWith("https://")) {
			this.poster.post(route.id(), target, message);
		}
		else {
			record(new MockInboundDelivery(route.id(), target, message.recipient(), message.subject(), 1,
					this.webhooks.clock().now(), 0, null));
		}
	}

	/**
	 * Stores the message under the recipient's domain and, for {@code store(notify=url)}, posts the URL.
	 * @return whether a post was scheduled
	 */
	private boolean store(MockRoute route, @Nullable String notify, MockInboundMessage message) {
		String recipientDomain = message.recipient().substring(message.recipient().lastIndexOf('@') + 1);
		MockDomain known = this.server.findDomain(recipientDomain);
		String domain = (known != null) ? known.name() : this.server.domain();
		String key = this.server.newStorageKey();
		MockStoredMessage stored = new MockStoredMessage(key, this.server.storageUrl(domain, key), domain,
				this.webhooks.clock().now(), message);
		this.stored.add(stored);
		if (notify == null || notify.isBlank()) {
			return false;
		}
		this.poster.notify(route.id(), notify, stored);
		return true;
	}

	void record(MockInboundDelivery delivery) {
		this.deliveries.record(delivery);
	}

	/** Forgets deliveries and stored messages; posts of an earlier generation are not recorded. */
	void reset() {
		this.poster.reset();
		this.deliveries.clear();
		this.stored.clear();
	}

	/**
	 * What receiving a message did.
	 *
	 * @param routes the routes that matched, in the order they ran
	 * @param deliveries how many deliveries their actions record: posts (first attempts) and forwards to
	 * addresses
	 */
	record Receipt(List<MockRoute> routes, int deliveries) {
	}

}
