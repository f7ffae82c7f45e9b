package io.github.springmailgun.test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The webhooks of a {@link MailgunMockServer}: URLs registered per domain and event type through Mailgun's
 * v3 and v4 webhook endpoints, posted every event as Mailgun posts it (signed with the mock's HTTP webhook
 * signing key) and retried on a compressed version of Mailgun's schedule.
 *
 * <p>
 * Mailgun retries a post that did not answer 2xx or 406 after 5 min, 10 min, 15 min, 1 h, 2 h and 4 h.
 * On the {@linkplain MockClock#system() system clock} the mock divides that schedule by
 * {@value #DEFAULT_RETRY_COMPRESSION} by default (an hour lasts a second, the whole schedule 7.5 seconds);
 * on a {@linkplain MockClock#manual(java.time.Instant) manual clock} it keeps Mailgun's schedule, since
 * advancing costs no time. {@link MailgunMockServer.Builder#webhookRetryCompression(long)} sets another
 * factor. {@linkplain MockInbound Received mail} is posted to routes' URLs on the same schedule.
 *
 * <p>
 * Thread-safe.
 */
public final class MockWebhooks {

	/** The HTTP webhook signing key of a server built without one. */
	public static final String DEFAULT_SIGNING_KEY = "test-webhook-signing-key";

	/** How much faster than Mailgun's the retry schedule runs on the system clock by default. */
	public static final long DEFAULT_RETRY_COMPRESSION = 3600;

	/** The webhook names, in the order Mailgun lists them. */
	static final List<String> NAMES = List.of("accepted", "delivered", "opened", "clicked", "unsubscribed",
			"complained", "temporary_fail", "permanent_fail");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final MockClock clock;

	private final String configuredSigningKey;

	private final long retryCompression;

	private final List<Duration> retrySchedule;

	private final WebhookPoster poster;

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock. By lower-case domain name, then webhook name in NAMES order.
	private final Map<String, Map<String, List<String>>> registrations = new LinkedHashMap<>();

	private final DeliveryLog<MockWebhookDelivery> deliveries = new DeliveryLog<>("webhook post");

	// Guarded by lock. Domain and URL of each standing registration, which reset() restores.
	private final List<Map.Entry<String, String>> standing = new ArrayList<>();

	private volatile String signingKey;

	MockWebhooks(MockClock clock, String signingKey) {
		this(clock, signingKey, clock.isManual() ? 1 : DEFAULT_RETRY_COMPRESSION);
	}

	MockWebhooks(MockClock clock, String signingKey, long retryCompression) {
		this.clock = clock;
		this.configuredSigningKey = signingKey;
		this.signingKey = signingKey;
		this.retryCompression = retryCompression;
		this.retrySchedule = HttpPoster.retrySchedule(retryCompression);
		this.poster = new WebhookPoster(this);
	}

	/**
	 * Returns the HTTP webhook signing key the mock signs with (for the application's
	 * {@code mailgun.webhooks.signing-key}). Rotating it through the API changes it until the next
	 * {@link MailgunMockServer#reset()}, which restores the configured one.
	 * @return the key
	 */
	public String signingKey() {
		return this.signingKey;
	}

	/**
	 * Returns the delays before each retry of a webhook post that failed, in order (received mail's posts
	 * have {@linkplain MockInbound#retrySchedule() Mailgun's schedule for routes}).
	 * @return the delays, Mailgun's divided by the configured compression
	 */
	public List<Duration> retrySchedule() {
		return this.retrySchedule;
	}

	/** How much faster than Mailgun's the retries run, for received mail's posts too. */
	long retryCompression() {
		return this.retryCompression;
	}

	/**
	 * Returns the URLs registered for a domain.
	 * @param domain the domain name
	 * @return the URLs by webhook name ({@code delivered}, {@code permanent_fail}, ...), only names with URLs
	 */
	public Map<String, List<String>> registered(String domain) {
		return withRegistrations(Objects.requireNonNull(domain, "domain"), MockWebhooks::copy);
	}

	/**
	 * Registers a URL for every webhook of a domain, now and again after each
	 * {@link MailgunMockServer#reset()}: the application's own endpoint, registered once as one does in
	 * Mailgun's control panel, while webhooks registered through the API belong to a test and are reset.
	 * @param domain the domain name
	 * @param url the URL to post every event of the domain to
	 * @return these webhooks
	 */
	public MockWebhooks registerForEveryEvent(String domain, String url) {
		Objects.requireNonNull(domain, "domain");
		Objects.requireNonNull(url, "url");
		this.lock.lock();
		try {
			this.standing.add(Map.entry(domain, url));
			registerStanding(domain, url);
		}
		finally {
			this.lock.unlock();
		}
		return this;
	}

	// Called with the lock held.
	private void registerStanding(String domain, String url) {
		withRegistrations(domain, registered -> {
			for (String name : NAMES) {
				List<String> urls = registered.computeIfAbsent(name, key -> new ArrayList<>());
				if (!urls.contains(url)) {
					urls.add(url);
				}
			}
			return null;
		});
	}

	/**
	 * Returns every attempt to post an event to a webhook since the start or the last reset.
	 * @return the attempts, oldest first
	 */
	public List<MockWebhookDelivery> deliveries() {
		return this.deliveries.all();
	}

	/**
	 * Waits until at least {@code count} attempts were made, for posts that run on the system clock.
	 * @param count how many attempts to wait for
	 * @param timeout how long to wait at most
	 * @return every attempt so far (at least {@code count})
	 * @throws AssertionError when they were not made in time, listing those that were
	 */
	public List<MockWebhookDelivery> awaitDeliveries(int count, Duration timeout) {
		return this.deliveries.await(count, timeout);
	}

	/** Adds the endpoints of v3 and v4 webhooks, the signing key and the deliveries. */
	void register(MockRoutes routes) {
		new WebhookEndpoints(this).register(routes);
	}

	/** Posts an event to the URLs registered for it. */
	void onEvent(MockEvent event) {
		String name = webhookName(event);
		if (name == null) {
			return;
		}
		List<String> urls = withRegistrations(event.domain(),
				registered -> List.copyOf(registered.getOrDefault(name, List.of())));
		for (String url : urls) {
			this.poster.post(url, name, event);
		}
	}

	/**
	 * Forgets webhooks (but the {@linkplain #registerForEveryEvent standing ones}) and deliveries, and
	 * restores the configured signing key.
	 */
	void reset() {
		this.lock.lock();
		try {
			this.registrations.clear();
			this.standing.forEach(registration -> registerStanding(registration.getKey(), registration.getValue()));
			this.signingKey = this.configuredSigningKey;
		}
		finally {
			this.lock.unlock();
		}
		this.poster.reset();
		this.deliveries.clear();
	}

	MockClock clock() {
		return this.clock;
	}

	/** Replaces the signing key with a new random one, as Mailgun's rotation does. */
	String rotateSigningKey() {
		String key = "key-" + HexFormat.of().formatHex(randomBytes(16));
		this.signingKey = key;
		return key;
	}

	/**
	 * Runs an action on the webhooks of a domain while no other thread reads or changes them.
	 * @param domain the domain name
	 * @param action reads or changes the URLs by webhook name; names without URLs are dropped after it
	 * @return what the action returned
	 */
	<T extends @Nullable Object> T withRegistrations(String domain, Function<Map<String, List<String>>, T> action) {
		this.lock.lock();
		try {
			Map<String, List<String>> registered = this.registrations
				.computeIfAbsent(domain.toLowerCase(Locale.ROOT), key -> new LinkedHashMap<>());
			T result = action.apply(registered);
			registered.values().removeIf(List::isEmpty);
			return result;
		}
		finally {
			this.lock.unlock();
		}
	}

	void record(MockWebhookDelivery delivery) {
		this.deliveries.record(delivery);
	}

	/** The URLs by webhook name, in Mailgun's order, as an immutable copy. */
	static Map<String, List<String>> copy(Map<String, List<String>> registered) {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		for (String name : NAMES) {
			List<String> urls = registered.get(name);
			if (urls != null && !urls.isEmpty()) {
				copy.put(name, List.copyOf(urls));
			}
		}
		return Collections.unmodifiableMap(copy);
	}

	static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/** The webhook an event is posted to: Mailgun splits {@code failed} by severity. */
	static @Nullable String webhookName(MockEvent event) {
		if (event.event().equals("failed")) {
			if ("permanent".equals(event.severity())) {
				return "permanent_fail";
			}
			return "temporary".equals(event.severity()) ? "temporary_fail" : null;
		}
		return NAMES.contains(event.event()) ? event.event() : null;
	}

}
