package io.github.springmailgun.test.testcontainers;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import io.github.springmailgun.test.MailgunMockServer;
import io.github.springmailgun.test.MailgunMockServerMain;
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
 * container: assert on what was sent through the API ({@code storedMessage} with the key from
 * {@link #findStorageKey(String)}) or through {@link #getLogs()}, which has one line per request.
 */
public class MailgunMockContainer extends GenericContainer<MailgunMockContainer> {

	/** The port the mock listens on inside the container. */
	public static final int PORT = MailgunMockServerMain.DEFAULT_PORT;

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private String apiKey = MailgunMockServer.DEFAULT_API_KEY;

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

	@Override
	protected void configure() {
		super.configure();
		withEnv(MailgunMockServerMain.API_KEY, this.apiKey);
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

	/** Mirrors {@code MailgunMockServerMain.STORAGE_KEY_MARKER}, which is not public API. */
	private static final String STORAGE_KEY_MARKER = " storage-key=";

}
