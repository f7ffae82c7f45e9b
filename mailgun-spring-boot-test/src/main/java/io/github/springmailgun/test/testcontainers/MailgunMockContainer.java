package io.github.springmailgun.test.testcontainers;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import io.github.springmailgun.test.MailgunMockServer;
import io.github.springmailgun.test.MailgunMockServerMain;
import io.github.springmailgun.test.MockFault;
import io.github.springmailgun.test.MockInboundMessage;
import io.github.springmailgun.test.MockOutcome;
import io.github.springmailgun.test.MockWebhookDelivery;
import io.github.springmailgun.test.MockWebhooks;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A {@link MailgunMockServer} in a Docker container, for tests that want the mock in a process of its
 * own, or the same setup as other Testcontainers services. With Spring Boot's {@code @ServiceConnection}
 * the starter connects to it with no {@code mailgun.*} properties:
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;Testcontainers
 * class SignupTests {
 *
 *     &#64;Container
 *     &#64;ServiceConnection
 *     static MailgunMockContainer mailgun = new MailgunMockContainer().withDomain("mg.shop.test");
 *
 * }
 * </pre>
 *
 * <p>
 * The image is built on first use by {@link MailgunMockImage} (no image is published); see there for
 * what it needs. The container answers like the in-process mock, but its recorder lives in the
 * container: a test drives it over HTTP with the methods named as the in-process mock's
 * ({@link #reset()}, {@link #failNext(int, MockFault)}, {@link #delayNext(int, Duration)},
 * {@link #script(MockOutcome)}, {@link #events()}, {@link #webhookDeliveries()}, {@link #sentMessages()},
 * {@link #advanceClock(Duration)}), and reads what was sent through the API ({@code storedMessage} with
 * the key from {@link #findStorageKey(String)}) or {@link #getLogs()}, which has one line per request.
 *
 * <p>
 * The container reaches the test's host as {@value #HOST_ALIAS} (mapped to the host's gateway by
 * default, which needs Docker 20.10 or later on Linux), so a webhook registered as
 * {@code http://host.docker.internal:<port>/mailgun/webhooks} reaches an application the test runs on
 * that port, if it listens on every interface (Spring Boot's default) rather than on loopback only.
 */
public class MailgunMockContainer extends GenericContainer<MailgunMockContainer> {

	/** The port the mock listens on inside the container. */
	public static final int PORT = MailgunMockServerMain.DEFAULT_PORT;

	/** The name the container reaches the test's host by. */
	public static final String HOST_ALIAS = "host.docker.internal";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private String apiKey = MailgunMockServer.DEFAULT_API_KEY;

	private String webhookSigningKey = MockWebhooks.DEFAULT_SIGNING_KEY;

	private boolean manualClock;

	private final MockControlClient control = new MockControlClient(this::getBaseUrl);

	private final List<String> domains = new ArrayList<>();

	/**
	 * Creates a container of the image {@link MailgunMockImage#build()} builds on first start.
	 */
	public MailgunMockContainer() {
		this(MailgunMockImage.lazy());
	}

	/**
	 * Creates a container of an image built elsewhere, for example by the module's
	 * {@code build-image.sh} or pushed to a registry of your own.
	 * @param image the image
	 */
	public MailgunMockContainer(DockerImageName image) {
		super(image);
		init();
	}

	private MailgunMockContainer(Future<String> image) {
		super(image);
		init();
	}

	private void init() {
		withExposedPorts(PORT);
		// Docker Desktop knows the name already; on Linux the engine maps it to the host (Docker 20.10+).
		withExtraHost(HOST_ALIAS, "host-gateway");
		waitingFor(Wait.forLogMessage(".*" + Pattern.quote(MailgunMockServerMain.READY_MESSAGE) + ".*\\n", 1)
			.withStartupTimeout(STARTUP_TIMEOUT));
	}

	/**
	 * Sets the API key the mock accepts, {@value MailgunMockServer#DEFAULT_API_KEY} by default.
	 * @param apiKey the key
	 * @return this container
	 */
	public MailgunMockContainer withApiKey(String apiKey) {
		if (apiKey == null || apiKey.isBlank()) {
			throw new IllegalArgumentException("apiKey must not be empty");
		}
		this.apiKey = apiKey;
		return self();
	}

	/**
	 * Adds a domain the mock knows. The first one added is {@link #getDomain()}, the sending domain;
	 * without any, the mock knows {@value MailgunMockServer#DEFAULT_DOMAIN}.
	 * @param domain the domain name
	 * @return this container
	 */
	public MailgunMockContainer withDomain(String domain) {
		if (domain == null || domain.isBlank() || domain.contains(",")) {
			throw new IllegalArgumentException("domain must be a domain name, was '" + domain + "'");
		}
		if (this.domains.stream().noneMatch(domain.trim()::equalsIgnoreCase)) {
			this.domains.add(domain.trim());
		}
		return self();
	}

	/**
	 * Sets the HTTP webhook signing key the mock signs webhooks with, the application's
	 * {@code mailgun.webhooks.signing-key}; {@value MockWebhooks#DEFAULT_SIGNING_KEY} by default.
	 * @param signingKey the key
	 * @return this container
	 */
	public MailgunMockContainer withWebhookSigningKey(String signingKey) {
		if (signingKey == null || signingKey.isBlank()) {
			throw new IllegalArgumentException("signingKey must not be empty");
		}
		this.webhookSigningKey = signingKey;
		return self();
	}

	/**
	 * Runs the mock on a manual clock that starts at the container's start and moves only with
	 * {@link #advanceClock(Duration)}, so events and webhook retries come when the test says.
	 * @return this container
	 */
	public MailgunMockContainer withManualClock() {
		this.manualClock = true;
		return self();
	}

	@Override
	protected void configure() {
		super.configure();
		withEnv(MailgunMockServerMain.API_KEY, this.apiKey);
		withEnv(MailgunMockServerMain.WEBHOOK_SIGNING_KEY, this.webhookSigningKey);
		withEnv(MailgunMockServerMain.CLOCK, this.manualClock ? "manual" : "system");
		withEnv(MailgunMockServerMain.DOMAINS, String.join(",", getDomains()));
		withEnv(MailgunMockServerMain.PORT, Integer.toString(PORT));
	}

	/**
	 * Returns the base URL to configure the client with ({@code mailgun.base-url}): the container's
	 * host and mapped port.
	 * @return the base URL, without a trailing slash
	 * @throws IllegalStateException when the container is not running
	 */
	public URI getBaseUrl() {
		// The port first: it fails at once on a container that is not running, before the host is looked up.
		int port = getMappedPort(PORT);
		return URI.create("http://" + getHost() + ":" + port);
	}

	/**
	 * Returns the API key the mock accepts.
	 * @return the key
	 */
	public String getApiKey() {
		return this.apiKey;
	}

	/**
	 * Returns the HTTP webhook signing key the mock signs webhooks with.
	 * @return the key
	 */
	public String getWebhookSigningKey() {
		return this.webhookSigningKey;
	}

	/**
	 * Returns the sending domain: the first domain added, or {@value MailgunMockServer#DEFAULT_DOMAIN}.
	 * @return the domain name
	 */
	public String getDomain() {
		return getDomains().get(0);
	}

	/**
	 * Returns the domains the mock knows.
	 * @return the domain names, the sending domain first
	 */
	public List<String> getDomains() {
		return this.domains.isEmpty() ? List.of(MailgunMockServer.DEFAULT_DOMAIN) : List.copyOf(this.domains);
	}

	/**
	 * Finds the storage key of an accepted message in the container's log, to fetch the message with
	 * {@code MailgunOperations.storedMessage(key)}.
	 * @param messageId the id from the send response, with or without angle brackets
	 * @return the storage key, if the mock accepted a message with that id
	 */
	public Optional<String> findStorageKey(String messageId) {
		Objects.requireNonNull(messageId, "messageId");
		String id = messageId.startsWith("<") ? messageId : "<" + messageId + ">";
		String marker = " 200 " + id + STORAGE_KEY_MARKER;
		for (String line : getLogs().split("\n")) {
			int start = line.indexOf(marker);
			if (start >= 0) {
				return Optional.of(line.substring(start + marker.length()).trim());
			}
		}
		return Optional.empty();
	}

	/**
	 * Forgets every message, event and request, empties the suppression lists, templates and webhooks
	 * registered through the API, and clears faults and delays, as {@link MailgunMockServer#reset()}.
	 * @return this container
	 */
	public MailgunMockContainer reset() {
		this.control.post("/mock/reset", Map.of());
		return self();
	}

	/**
	 * Answers the next {@code count} requests to the API with the fault instead of handling them, as
	 * {@link MailgunMockServer#failNext(int, MockFault)}.
	 * @param count how many requests fail, at least 1
	 * @param fault the answer
	 * @return this container
	 */
	public MailgunMockContainer failNext(int count, MockFault fault) {
		Objects.requireNonNull(fault, "fault");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("count", count);
		if (fault.isDisconnect()) {
			body.put("disconnect", true);
		}
		else {
			body.put("status", fault.status());
			body.put("contentType", fault.contentType());
			body.put("body", fault.body());
			body.put("headers", fault.headers());
			fault.retryAfter().ifPresent(wait -> body.put("retryAfter", wait.toString()));
			body.put("rateLimitResetHeader", fault.hasRateLimitResetHeader());
		}
		this.control.post("/mock/faults", body);
		return self();
	}

	/**
	 * Delays the answer to the next {@code count} requests to the API, as
	 * {@link MailgunMockServer#delayNext(int, Duration)}.
	 * @param count how many requests are delayed, at least 1
	 * @param delay how long each answer waits
	 * @return this container
	 */
	public MailgunMockContainer delayNext(int count, Duration delay) {
		Objects.requireNonNull(delay, "delay");
		this.control.post("/mock/delays", Map.of("count", count, "delay", delay.toString()));
		return self();
	}

	/**
	 * Scripts what happens to the recipients that match the outcome's pattern, as
	 * {@link io.github.springmailgun.test.MockEvents#script(MockOutcome)}.
	 * @param outcome the outcome
	 * @return this container
	 */
	public MailgunMockContainer script(MockOutcome outcome) {
		Objects.requireNonNull(outcome, "outcome");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("recipient", outcome.recipientPattern());
		body.put("outcome", outcome.name());
		body.put("delay", outcome.delay().toString());
		if (outcome.url() != null) {
			body.put("url", outcome.url());
		}
		this.control.post("/mock/outcomes", body);
		return self();
	}

	/**
	 * Moves the mock's manual clock (see {@link #withManualClock()}): the events and webhook posts that
	 * fall due run before this returns.
	 * @param duration how far to move, not negative
	 * @return this container
	 * @throws IllegalStateException when the mock runs on the system clock
	 */
	public MailgunMockContainer advanceClock(Duration duration) {
		Objects.requireNonNull(duration, "duration");
		this.control.post("/mock/clock/advance", Map.of("duration", duration.toString()));
		return self();
	}

	/**
	 * Receives a message in the container's mock, as {@link MailgunMockServer#receive(MockInboundMessage)}:
	 * the matching routes' {@code forward} URLs are posted to from inside the container (so they must name
	 * a host the container reaches, such as {@code host.testcontainers.internal}).
	 * @param message the message
	 * @return the ids of the routes that matched; empty when none did and nothing is posted
	 */
	public List<String> receive(MockInboundMessage message) {
		Objects.requireNonNull(message, "message");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("from", message.from());
		body.put("recipient", message.recipient());
		body.put("subject", message.subject());
		if (message.text() != null) {
			body.put("text", message.text());
		}
		if (message.html() != null) {
			body.put("html", message.html());
		}
		// Pairs, not an object: a header may come more than once.
		body.put("headers",
				message.headers().stream().map((header) -> List.of(header.getKey(), header.getValue())).toList());
		body.put("attachments", message.attachments().stream().map((attachment) -> {
			Map<String, String> file = new LinkedHashMap<>();
			file.put("fileName", attachment.filename());
			file.put("contentType", attachment.contentType());
			file.put("content", Base64.getEncoder().encodeToString(attachment.content()));
			if (attachment.name().startsWith("inline:")) {
				file.put("contentId", attachment.name().substring("inline:".length()));
			}
			return file;
		}).toList());
		Object routes = this.control.post("/mock/receive", body).get("routes");
		return (routes instanceof List<?> ids) ? ids.stream().map(String::valueOf).toList() : List.of();
	}

	/**
	 * Returns every event the mock recorded, oldest first, as Mailgun writes them (the Events API's items
	 * and the webhooks' {@code event-data}): {@code event}, {@code recipient}, {@code severity} and so on.
	 * @return the events, as JSON maps
	 */
	public List<Map<String, Object>> events() {
		return this.control.items("/mock/events");
	}

	/**
	 * Returns every attempt of the mock to post an event to a webhook URL, as
	 * {@link io.github.springmailgun.test.MockWebhooks#deliveries()}.
	 * @return the attempts, oldest first
	 */
	public List<MockWebhookDelivery> webhookDeliveries() {
		return this.control.items("/mock/webhooks/deliveries").stream().map(MailgunMockContainer::delivery).toList();
	}

	/**
	 * Returns the messages accepted since the start or the last {@link #reset()}: per message its
	 * {@code id}, {@code storage-key}, {@code domain}, {@code received-at}, {@code from}, {@code to},
	 * {@code subject} and {@code tags}.
	 * @return the messages, as JSON maps, oldest first
	 */
	public List<Map<String, Object>> sentMessages() {
		return this.control.items("/mock/messages");
	}

	private static MockWebhookDelivery delivery(Map<String, Object> item) {
		Object error = item.get("error");
		return new MockWebhookDelivery(String.valueOf(item.get("url")), String.valueOf(item.get("webhook")),
				String.valueOf(item.get("event-id")), ((Number) Objects.requireNonNull(item.get("attempt"), "attempt")).intValue(),
				Instant.parse(String.valueOf(item.get("at"))), ((Number) Objects.requireNonNull(item.get("status"), "status")).intValue(),
				(error != null) ? String.valueOf(error) : null);
	}

	/** Mirrors {@code MailgunMockServerMain.STORAGE_KEY_MARKER}, which is not public API. */
	private static final String STORAGE_KEY_MARKER = " storage-key=";

}
