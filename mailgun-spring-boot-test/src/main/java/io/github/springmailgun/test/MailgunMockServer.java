package io.github.springmailgun.test;

import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * A local stand-in for Mailgun's API, for testing code that sends mail without a Mailgun account. It
 * listens on a loopback port (see {@link Builder#host(String)}), starts and stops in milliseconds, and
 * answers like Mailgun: the same paths, authentication, status codes, message texts and JSON shapes.
 *
 * <pre class="code">
 * try (MailgunMockServer mock = MailgunMockServer.start()) {
 *     MailgunOperations mailgun = new MailgunTemplate(MailgunClientSettings
 *         .builder(mock.apiKey(), mock.domain())
 *         .baseUrl(mock.baseUrl())
 *         .build());
 *     // ... code under test sends a message ...
 *     assertThat(mock.lastMessage().subject()).isEqualTo("Your order");
 * }
 * </pre>
 *
 * <p>
 * Endpoints:
 * <ul>
 * <li>{@code POST /v3/{domain}/messages} ({@code multipart/form-data} or
 * {@code application/x-www-form-urlencoded}) and {@code POST /v3/{domain}/messages.mime}: checked as
 * Mailgun checks them, then recorded and answered
 * {@code {"id": "<...>", "message": "Queued. Thank you."}}.</li>
 * <li>{@code GET /v3/domains/{domain}/messages/{storage-key}}: the stored form of an accepted message,
 * with its attachments at {@code .../attachments/{index}}.</li>
 * <li>{@code GET /v4/domains/{name}}: the domain's state and DNS records (see {@link MockDomain}).</li>
 * <li>{@code GET /v3/{domain}/events} and {@code POST /v1/analytics/logs}: the events of the accepted
 * messages (see {@link MockEvents}).</li>
 * <li>{@code /v3/routes}: the account's routes (see {@link MockInboundRoutes}).</li>
 * <li>Under {@code /mock/}, without the key, the control a test in another process (the container) needs:
 * {@code POST /mock/reset}, {@code /mock/faults}, {@code /mock/delays}, {@code /mock/outcomes} and
 * {@code /mock/clock/advance}, {@code /mock/receive}; {@code GET /mock/messages}, {@code /mock/inbound/deliveries}, {@code /mock/events} and
 * {@code /mock/webhooks/deliveries}.</li>
 * </ul>
 *
 * <p>
 * What Mailgun answers that the mock reproduces: 401 for a wrong or missing key (plain {@code Forbidden}
 * on message endpoints, {@code {"message":"Invalid private key"}} on domains); 404
 * {@code Domain not found: <name>} for a send to an unknown domain; 400 with Mailgun's texts for a
 * missing {@code from} (unless a template is named), a missing {@code to}, no body, {@code html} with
 * {@code template}, an invalid address, send options over 16 KB, invalid JSON in
 * {@code recipient-variables} or {@code t:variables}, and more than 1,000 recipients with
 * {@code recipient-variables}; 413 for a request over {@link Builder#maxRequestSize(long) 52,428,800
 * bytes}. Sending is not refused for an unverified or disabled domain (Mailgun's answer varies by
 * account); queue a {@link MockFault} to test that.
 *
 * <p>
 * Faults: {@link #failNext(int, MockFault)} answers the next requests with a fault, for a test of one
 * failure; {@link #failRandomly(double, MockFault)} answers a share of all requests with one, drawn
 * from a seeded sequence, for a load test ({@code 5%} of 503s and {@code 1%} of 429s, say).
 *
 * <p>
 * Thread-safe: sends may arrive concurrently, and every method may be called while they do.
 *
 * <p>
 * This class is long because it is the mock's one entry point for tests (accepted messages, faults,
 * delays, domains, and the builder); what happens after a send lives in the areas it hands out
 * ({@link #events()}, {@link #webhooks()}, {@link #suppressions()}, {@link #templates()}).
 */
public final class MailgunMockServer implements AutoCloseable {

	/** The API key of a server built without one. */
	public static final String DEFAULT_API_KEY = "test-api-key";

	/** The domain of a server built without one. */
	public static final String DEFAULT_DOMAIN = "mg.example.com";

	/** Mailgun's limit for a whole request: 52,428,800 bytes (the {@code maxBodyLength} of mailgun.js). */
	public static final long DEFAULT_MAX_REQUEST_SIZE = 52_428_800L;

	/** The seed of {@link #failRandomly(double, MockFault)} unless {@link Builder#faultSeed(long)} sets one. */
	public static final long DEFAULT_FAULT_SEED = 0x4d61696c67756eL;

	/** How many requests {@link #requests()} keeps; older ones are dropped. */
	static final int MAX_LOGGED_REQUESTS = 1000;

	private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final char[] KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private final String apiKey;

	private final List<MockDomain> configuredDomains;

	private final long maxRequestSize;

	private final long faultSeed;

	private final MockHttpTransport transport;

	private final @Nullable Consumer<MockRequest> requestListener;

	private final URI baseUrl;

	private final Instant createdAt = Instant.now();

	private final SecureRandom random = new SecureRandom();

	private final AtomicLong sequence = new AtomicLong();

	private final AtomicInteger requestCount = new AtomicInteger();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition messageArrived = this.lock.newCondition();

	// Guarded by lock.
	private final List<MockMessage> messages = new ArrayList<>();

	// Guarded by lock.
	private final Deque<Queued<MockFault>> faults = new ArrayDeque<>();

	// Guarded by lock.
	private final Deque<Queued<Duration>> delays = new ArrayDeque<>();

	// Guarded by lock. Consecutive slices of [0, 1): a request draws one number and gets the fault of the
	// slice it falls in, so faults added together never overlap.
	private final List<RandomFault> randomFaults = new ArrayList<>();

	// Guarded by lock, so that the n-th request to draw always gets the n-th number of the sequence.
	private Random faultRandom;

	// Guarded by lock; keyed by lower-case name, as DNS names are case-insensitive.
	private final Map<String, MockDomain> domains = new LinkedHashMap<>();

	// Guarded by lock.
	private final Deque<MockRequest> requests = new ArrayDeque<>();

	private final MockClock clock;

	private final MockSuppressions suppressions;

	private final MockTemplates templates;

	private final MockEvents events;

	private final MockWebhooks webhooks;

	private final MockInboundRoutes inboundRoutes;

	private final MockInbound inbound;

	private volatile boolean closed;

	private MailgunMockServer(Builder builder) {
		this.apiKey = builder.apiKey;
		this.configuredDomains = List.copyOf(builder.domains.isEmpty() ? List.of(MockDomain.of(DEFAULT_DOMAIN))
				: builder.domains.values());
		this.maxRequestSize = builder.maxRequestSize;
		this.faultSeed = builder.faultSeed;
		this.faultRandom = new Random(this.faultSeed);
		this.requestListener = builder.requestListener;
		resetDomains();
		this.clock = (builder.clock != null) ? builder.clock : MockClock.system();
		this.suppressions = new MockSuppressions(this.clock);
		this.templates = new MockTemplates(this.clock);
		this.events = new MockEvents(this.clock, this.suppressions);
		this.webhooks = (builder.webhookRetryCompression != null)
				? new MockWebhooks(this.clock, builder.webhookSigningKey, builder.webhookRetryCompression)
				: new MockWebhooks(this.clock, builder.webhookSigningKey);
		this.events.listen(this.webhooks::onEvent);
		this.inboundRoutes = new MockInboundRoutes(this.clock);
		this.inbound = new MockInbound(this, this.inboundRoutes, this.webhooks);
		MockRoutes routes = new MockRoutes();
		new MessageEndpoints(this).register(routes);
		new ControlEndpoints(this).register(routes);
		this.suppressions.register(routes);
		this.templates.register(routes);
		this.events.register(routes);
		this.webhooks.register(routes);
		this.inboundRoutes.register(routes);
		new InboundControlEndpoints(this.inbound).register(routes);
		this.transport = new MockHttpTransport(this, new MockDispatcher(this, routes), builder.host, builder.port);
		this.baseUrl = URI.create("http://" + urlHost(this.transport.reachableHost()) + ":" + this.transport.port());
	}

	/**
	 * Starts a server with the defaults: key {@value #DEFAULT_API_KEY}, domain {@value #DEFAULT_DOMAIN},
	 * a random port.
	 * @return the running server
	 */
	public static MailgunMockServer start() {
		return builder().start();
	}

	/**
	 * Starts describing a server.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the base URL to configure the client with ({@code mailgun.base-url}), such as
	 * {@code http://127.0.0.1:54321}. A server listening on every interface ({@code 0.0.0.0}) gives its
	 * loopback URL here.
	 * @return the base URL, without a trailing slash
	 */
	public URI baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Returns the port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.baseUrl.getPort();
	}

	/**
	 * Returns the API key the server accepts (user {@code api} in HTTP Basic authentication).
	 * @return the key
	 */
	public String apiKey() {
		return this.apiKey;
	}

	/**
	 * Returns the first configured domain, the one to configure the client with.
	 * @return the domain name
	 */
	public String domain() {
		return this.configuredDomains.get(0).name();
	}

	/**
	 * Returns the domains the server knows now.
	 * @return the domains, in the order they were added
	 */
	public List<MockDomain> domains() {
		this.lock.lock();
		try {
			return List.copyOf(this.domains.values());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Adds a domain, or replaces the one with the same name, for example to make it unverified in the
	 * middle of a test. {@link #reset()} restores the configured domains.
	 * @param domain the domain
	 * @return this server
	 */
	public MailgunMockServer putDomain(MockDomain domain) {
		Objects.requireNonNull(domain, "domain");
		this.lock.lock();
		try {
			this.domains.put(key(domain.name()), domain);
		}
		finally {
			this.lock.unlock();
		}
		return this;
	}

	/**
	 * Removes a domain, so sends to it answer 404 {@code Domain not found}.
	 * @param name the domain name
	 * @return this server
	 */
	public MailgunMockServer removeDomain(String name) {
		this.lock.lock();
		try {
			this.domains.remove(key(name));
		}
		finally {
			this.lock.unlock();
		}
		return this;
	}

	/**
	 * Returns the clock that events and webhooks run on.
	 * @return the clock
	 */
	public MockClock clock() {
		return this.clock;
	}

	/**
	 * Returns the events of the accepted messages, per recipient.
	 * @return the events
	 */
	public MockEvents events() {
		return this.events;
	}

	/**
	 * Returns the suppression lists: bounces, unsubscribes, complaints and the allowlist.
	 * @return the suppressions
	 */
	public MockSuppressions suppressions() {
		return this.suppressions;
	}

	/**
	 * Returns the stored templates.
	 * @return the templates
	 */
	public MockTemplates templates() {
		return this.templates;
	}

	/**
	 * Returns the registered webhooks and the signing key they are posted with.
	 * @return the webhooks
	 */
	public MockWebhooks webhooks() {
		return this.webhooks;
	}

	/**
	 * Returns the account's routes ({@code /v3/routes}): which routes would act on received mail.
	 * @return the routes
	 */
	public MockInboundRoutes inboundRoutes() {
		return this.inboundRoutes;
	}

	/**
	 * Returns received mail: where the routes posted it ({@link MockInbound#deliveries()}).
	 * @return the inbound area
	 */
	public MockInbound inbound() {
		return this.inbound;
	}

	/**
	 * Receives a message as Mailgun's inbound servers would and posts it to the {@code forward(url)} of
	 * each matching route, signed with the {@linkplain MockWebhooks#signingKey() webhook signing key}.
	 * @param message the message
	 * @return the routes that matched; empty when none did and nothing is posted
	 * @see MockInbound#receive(MockInboundMessage)
	 */
	public List<MockRoute> receive(MockInboundMessage message) {
		return this.inbound.receive(message);
	}

	/**
	 * Returns every message accepted since the start or the last {@link #reset()}.
	 * @return the messages, in the order they were accepted
	 */
	public List<MockMessage> sentMessages() {
		this.lock.lock();
		try {
			return List.copyOf(this.messages);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Returns the message accepted last.
	 * @return the message
	 * @throws AssertionError when none was accepted, listing the requests that did arrive
	 */
	public MockMessage lastMessage() {
		this.lock.lock();
		try {
			if (this.messages.isEmpty()) {
				throw new AssertionError("No message was accepted by the Mailgun mock at " + this.baseUrl + "."
						+ describeRequests());
			}
			return this.messages.get(this.messages.size() - 1);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Finds an accepted message by its id (with or without angle brackets) or its storage key.
	 * @param idOrStorageKey the id from the send response, or the storage key
	 * @return the message, if accepted since the last reset
	 */
	public Optional<MockMessage> findMessage(String idOrStorageKey) {
		Objects.requireNonNull(idOrStorageKey, "idOrStorageKey");
		this.lock.lock();
		try {
			for (MockMessage message : this.messages) {
				if (message.id().equals(idOrStorageKey) || message.messageId().equals(idOrStorageKey)
						|| message.storageKey().equals(idOrStorageKey)) {
					return Optional.of(message);
				}
			}
			return Optional.empty();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until at least {@code count} messages were accepted, for code that sends in the background.
	 * @param count how many messages to wait for
	 * @param timeout how long to wait at most
	 * @return every message accepted so far (at least {@code count})
	 * @throws AssertionError when they did not arrive in time, listing what did arrive
	 */
	public List<MockMessage> awaitMessages(int count, Duration timeout) {
		if (count < 0) {
			throw new IllegalArgumentException("count must not be negative, was " + count);
		}
		Objects.requireNonNull(timeout, "timeout");
		long remaining = timeout.toNanos();
		this.lock.lock();
		try {
			while (this.messages.size() < count) {
				if (remaining <= 0) {
					throw new AssertionError("Expected " + count + " message" + ((count == 1) ? "" : "s")
							+ " to reach the Mailgun mock within " + timeout.toMillis() + " ms, but "
							+ describeMessages() + describeRequests());
				}
				remaining = this.messageArrived.awaitNanos(remaining);
			}
			return List.copyOf(this.messages);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for " + count + " messages at the Mailgun mock", ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Returns how many requests arrived since the start or the last {@link #reset()}, whatever the
	 * answer: a test can prove a send was not repeated.
	 * @return the number of requests
	 */
	public int requestCount() {
		return this.requestCount.get();
	}

	/**
	 * Returns the requests received since the last {@link #reset()} and how each was answered (the last
	 * {@value #MAX_LOGGED_REQUESTS}).
	 * @return the requests, oldest first
	 */
	public List<MockRequest> requests() {
		this.lock.lock();
		try {
			return List.copyOf(this.requests);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Answers the next request with the fault instead of handling it.
	 * @param fault the answer
	 * @return this server
	 * @see #failNext(int, MockFault)
	 */
	public MailgunMockServer failNext(MockFault fault) {
		return failNext(1, fault);
	}

	/**
	 * Answers the next {@code count} requests to the API with the fault instead of handling them (after
	 * faults queued before). A faulted send is counted by {@link #requestCount()} but not recorded as a
	 * message. Requests to unknown paths do not use up faults.
	 * @param count how many requests fail
	 * @param fault the answer
	 * @return this server
	 */
	public MailgunMockServer failNext(int count, MockFault fault) {
		Objects.requireNonNull(fault, "fault");
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1, was " + count);
		}
		this.lock.lock();
		try {
			this.faults.addLast(new Queued<>(fault, count));
		}
		finally {
			this.lock.unlock();
		}
		return this;
	}

	/**
	 * Answers a share of the requests to the API with the fault, for a load test: each request that no
	 * {@link #failNext(int, MockFault) queued fault} answers draws the next number of a sequence seeded
	 * with {@link Builder#faultSeed(long)}, and the faults added by calls of this method take consecutive
	 * slices of it. So faults never overlap, and their probabilities add up:
	 *
	 * <pre class="code">
	 * mock.failRandomly(0.05, MockFault.serviceUnavailable())
	 *     .failRandomly(0.01, MockFault.rateLimited(Duration.ofMillis(50)));
	 * // 5% of the requests get 503, 1% get 429, 94% are handled
	 * </pre>
	 *
	 * <p>
	 * With the same seed, the n-th request to the API is answered the same way in every run; which call
	 * of the application that is depends on the order the requests arrive in when they are concurrent.
	 * A faulted send is counted by {@link #requestCount()} but not recorded as a message; requests to
	 * unknown paths neither draw nor fail. {@link #reset()} removes these faults and restarts the
	 * sequence.
	 * @param probability the share of requests that fail with this fault, above 0 and at most 1
	 * @param fault the answer
	 * @return this server
	 * @throws IllegalArgumentException when the probability is out of range or the probabilities of all
	 * random faults would add up to more than 1
	 */
	public MailgunMockServer failRandomly(double probability, MockFault fault) {
		Objects.requireNonNull(fault, "fault");
		if (!(probability > 0 && probability <= 1)) {
			throw new IllegalArgumentException("probability must be above 0 and at most 1, was " + probability);
		}
		this.lock.lock();
		try {
			double start = this.randomFaults.isEmpty() ? 0
					: this.randomFaults.get(this.randomFaults.size() - 1).end();
			double end = start + probability;
			// A little slack for sums such as 0.7 + 0.2 + 0.1, which are not exactly 1 in binary.
			if (end > 1 + 1e-9) {
				throw new IllegalArgumentException("The probabilities of random faults add up to more than 1: "
						+ start + " before this one, " + probability + " more");
			}
			this.randomFaults.add(new RandomFault(fault, end));
		}
		finally {
			this.lock.unlock();
		}
		return this;
	}

	/**
	 * Delays the answer to the next {@code count} requests to the API. The request is handled first (a
	 * send is recorded), then the answer waits: a client that times out meanwhile has still had its
	 * message accepted, as with a slow Mailgun.
	 * @param count how many requests are delayed
	 * @param delay how long each answer waits
	 * @return this server
	 */
	public MailgunMockServer delayNext(int count, Duration delay) {
		Objects.requireNonNull(delay, "delay");
		if (count < 1 || delay.isNegative()) {
			throw new IllegalArgumentException("count must be at least 1 and delay not negative, were " + count
					+ " and " + delay);
		}
		this.lock.lock();
		try {
			this.delays.addLast(new Queued<>(delay, count));
		}
		finally {
			this.lock.unlock();
		}
		return this;
	}

	/**
	 * Forgets every message, event and request, empties the suppression lists, templates, webhooks and routes,
	 * drops events and webhook posts not yet due, clears queued and random faults and delays (the random
	 * sequence starts again from its seed), zeroes the request count, and restores the configured
	 * domains. The port, the keys and the clock's time stay.
	 * @return this server
	 */
	public MailgunMockServer reset() {
		this.lock.lock();
		try {
			this.messages.clear();
			this.faults.clear();
			this.randomFaults.clear();
			this.faultRandom = new Random(this.faultSeed);
			this.delays.clear();
			this.requests.clear();
			this.requestCount.set(0);
			resetDomains();
		}
		finally {
			this.lock.unlock();
		}
		this.clock.cancelAll();
		this.events.reset();
		this.suppressions.reset();
		this.templates.reset();
		this.webhooks.reset();
		this.inboundRoutes.reset();
		this.inbound.reset();
		return this;
	}

	/**
	 * Returns whether {@link #close()} was called.
	 * @return whether the server is stopped
	 */
	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * Stops the server at once, dropping open connections and releasing the port. Idempotent.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.transport.close();
		this.clock.close();
	}

	/**
	 * Describes the server.
	 * @return the description, without the key
	 */
	@Override
	public String toString() {
		return "MailgunMockServer[baseUrl=" + this.baseUrl + ", domain=" + domain() + (this.closed ? ", closed" : "")
				+ "]";
	}

	// Used by MockDispatcher and MockHttpTransport.

	long maxRequestSize() {
		return this.maxRequestSize;
	}

	void countRequest() {
		this.requestCount.incrementAndGet();
	}

	@Nullable MockFault nextFault() {
		this.lock.lock();
		try {
			MockFault queued = take(this.faults);
			if (queued != null || this.randomFaults.isEmpty()) {
				return queued;
			}
			double draw = this.faultRandom.nextDouble();
			for (RandomFault candidate : this.randomFaults) {
				if (draw < candidate.end()) {
					return candidate.fault();
				}
			}
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Nullable Duration nextDelay() {
		this.lock.lock();
		try {
			return take(this.delays);
		}
		finally {
			this.lock.unlock();
		}
	}

	private static <T> @Nullable T take(Deque<Queued<T>> queue) {
		Queued<T> head = queue.peekFirst();
		if (head == null) {
			return null;
		}
		if (head.remaining() <= 1) {
			queue.removeFirst();
		}
		else {
			queue.removeFirst();
			queue.addFirst(new Queued<>(head.value(), head.remaining() - 1));
		}
		return head.value();
	}

	@Nullable MockDomain findDomain(String name) {
		this.lock.lock();
		try {
			return this.domains.get(key(name));
		}
		finally {
			this.lock.unlock();
		}
	}

	Instant createdAt() {
		return this.createdAt;
	}

	/** A key for a message kept for the stored-message API, sent or received. */
	String newStorageKey() {
		return randomText(32, false);
	}

	/** Where the stored-message API serves a kept message. */
	URI storageUrl(String domain, String storageKey) {
		return URI.create(this.baseUrl + "/v3/domains/" + domain + "/messages/" + storageKey);
	}

	MockMessage accept(String domain, FormData form, boolean mime) {
		Instant now = this.clock.now();
		String id = "<" + ID_TIME.format(now) + "." + this.sequence.incrementAndGet() + "." + randomText(6, true)
				+ "@" + domain + ">";
		String storageKey = newStorageKey();
		MockMessage message = new MockMessage(id, storageKey, storageUrl(domain, storageKey), domain, now, form, mime);
		message.rendered(this.templates.render(message));
		this.lock.lock();
		try {
			this.messages.add(message);
			this.messageArrived.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		this.events.accepted(message);
		return message;
	}

	void log(MockRequest request) {
		this.lock.lock();
		try {
			if (this.requests.size() == MAX_LOGGED_REQUESTS) {
				this.requests.removeFirst();
			}
			this.requests.addLast(request);
		}
		finally {
			this.lock.unlock();
		}
		// Outside the lock: the listener may call back into the server.
		Consumer<MockRequest> listener = this.requestListener;
		if (listener != null) {
			listener.accept(request);
		}
	}

	private String randomText(int length, boolean upperHex) {
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			chars[i] = upperHex ? Character.toUpperCase(Character.forDigit(this.random.nextInt(16), 16))
					: KEY_CHARS[this.random.nextInt(KEY_CHARS.length)];
		}
		return new String(chars);
	}

	private void resetDomains() {
		this.domains.clear();
		for (MockDomain domain : this.configuredDomains) {
			this.domains.put(key(domain.name()), domain);
		}
	}

	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	/** An address as the host part of a URL: IPv6 literals go in brackets. */
	private static String urlHost(String address) {
		return (address.indexOf(':') >= 0) ? "[" + address + "]" : address;
	}

	// Called with the lock held.
	private String describeMessages() {
		if (this.messages.isEmpty()) {
			return "none arrived.";
		}
		StringBuilder text = new StringBuilder().append(this.messages.size()).append(" arrived:");
		for (MockMessage message : this.messages) {
			text.append("\n  ").append(message);
		}
		return text.toString();
	}

	// Called with the lock held.
	private String describeRequests() {
		if (this.requests.isEmpty()) {
			return "\nNo request reached it.";
		}
		StringBuilder text = new StringBuilder("\nRequests received (").append(this.requestCount.get()).append("):");
		for (MockRequest request : this.requests) {
			text.append("\n  ").append(request);
		}
		return text.toString();
	}

	private record Queued<T>(T value, int remaining) {
	}

	/** A fault for draws below {@code end} and at or above the end of the fault before it. */
	private record RandomFault(MockFault fault, double end) {
	}

	/**
	 * Describes a {@link MailgunMockServer} and starts it.
	 */
	public static final class Builder {

		private String apiKey = DEFAULT_API_KEY;

		private final Map<String, MockDomain> domains = new LinkedHashMap<>();

		private String host = InetAddress.getLoopbackAddress().getHostAddress();

		private int port;

		private long maxRequestSize = DEFAULT_MAX_REQUEST_SIZE;

		private long faultSeed = DEFAULT_FAULT_SEED;

		private @Nullable MockClock clock;

		private String webhookSigningKey = MockWebhooks.DEFAULT_SIGNING_KEY;

		private @Nullable Long webhookRetryCompression;

		private @Nullable Consumer<MockRequest> requestListener;

		private Builder() {
		}

		/**
		 * Sets the API key the server accepts.
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			if (apiKey == null || apiKey.isEmpty()) {
				throw new IllegalArgumentException("apiKey must not be empty");
			}
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Adds an active domain with valid DNS records. The first domain added is {@link #domain()};
		 * without any, the server knows {@value #DEFAULT_DOMAIN}.
		 * @param name the domain name
		 * @return this builder
		 */
		public Builder domain(String name) {
			return domain(MockDomain.of(name));
		}

		/**
		 * Adds a domain with its state and DNS records, replacing one of the same name.
		 * @param domain the domain
		 * @return this builder
		 */
		public Builder domain(MockDomain domain) {
			Objects.requireNonNull(domain, "domain");
			this.domains.put(key(domain.name()), domain);
			return this;
		}

		/**
		 * Sets the address to listen on. The default is loopback, so a test's mock is never reachable
		 * from other machines; {@code 0.0.0.0} listens on every interface, as the mock needs to inside a
		 * container (see {@link MailgunMockServerMain}).
		 * @param host an IP address or a host name of this machine
		 * @return this builder
		 */
		public Builder host(String host) {
			if (host == null || host.isBlank()) {
				throw new IllegalArgumentException("host must not be empty");
			}
			this.host = host.trim();
			return this;
		}

		/**
		 * Sets the port to listen on; 0, the default, picks a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
			}
			this.port = port;
			return this;
		}

		/**
		 * Sets the largest request accepted; larger ones answer 413 as Mailgun does.
		 * @param bytes the limit, {@value #DEFAULT_MAX_REQUEST_SIZE} by default
		 * @return this builder
		 */
		public Builder maxRequestSize(long bytes) {
			if (bytes < 1) {
				throw new IllegalArgumentException("maxRequestSize must be positive, was " + bytes);
			}
			this.maxRequestSize = bytes;
			return this;
		}

		/**
		 * Sets the seed of the sequence {@link MailgunMockServer#failRandomly(double, MockFault)} draws
		 * from. The default, {@value MailgunMockServer#DEFAULT_FAULT_SEED}, is fixed so that a test
		 * faults the same share of requests in every run; another seed shows whether it depends on one
		 * pattern.
		 * @param seed the seed
		 * @return this builder
		 */
		public Builder faultSeed(long seed) {
			this.faultSeed = seed;
			return this;
		}

		/**
		 * Sets the clock events and webhooks run on: {@link MockClock#manual(Instant)} lets a test move
		 * time instead of waiting. The default is a {@link MockClock#system()} clock of the server's own.
		 * @param clock the clock, used by this server only
		 * @return this builder
		 */
		public Builder clock(MockClock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Sets the HTTP webhook signing key the server signs webhooks with, the application's
		 * {@code mailgun.webhooks.signing-key}.
		 * @param signingKey the key, {@value MockWebhooks#DEFAULT_SIGNING_KEY} by default
		 * @return this builder
		 */
		public Builder webhookSigningKey(String signingKey) {
			if (signingKey == null || signingKey.isEmpty()) {
				throw new IllegalArgumentException("webhookSigningKey must not be empty");
			}
			this.webhookSigningKey = signingKey;
			return this;
		}

		/**
		 * Sets how many times faster than Mailgun's (5 min, 10 min, 15 min, 1 h, 2 h, 4 h) webhook posts
		 * are retried. The default is {@value MockWebhooks#DEFAULT_RETRY_COMPRESSION} on the system clock
		 * (the whole schedule in 7.5 seconds) and 1, Mailgun's own schedule, on a manual clock.
		 * @param factor what Mailgun's delays are divided by, at least 1
		 * @return this builder
		 */
		public Builder webhookRetryCompression(long factor) {
			if (factor < 1) {
				throw new IllegalArgumentException("webhookRetryCompression must be at least 1, was " + factor);
			}
			this.webhookRetryCompression = factor;
			return this;
		}

		/**
		 * Calls the listener after each request was answered, for {@link MailgunMockServerMain} to log
		 * what a container receives. Package-private: tests in the same JVM assert on
		 * {@link MailgunMockServer#requests()} instead.
		 * @param listener called on a server thread; must not block
		 * @return this builder
		 */
		Builder requestListener(Consumer<MockRequest> listener) {
			this.requestListener = Objects.requireNonNull(listener, "listener");
			return this;
		}

		/**
		 * Starts a server as described. The builder may start more.
		 * @return the running server
		 * @throws IllegalStateException when the port cannot be bound
		 */
		public MailgunMockServer start() {
			return new MailgunMockServer(this);
		}

	}

}
