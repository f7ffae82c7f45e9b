package io.github.springmailgun.test;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link MailgunMockServer} as a process of its own: the entry point of the mock's runnable jar
 * ({@code mailgun-spring-boot-test-<version>-mock-server.jar}) and of its container image (see
 * {@code io.github.springmailgun.test.testcontainers.MailgunMockContainer}).
 *
 * <p>
 * Configured by environment variables, as a container is:
 * <ul>
 * <li>{@value #HOST}: the address to listen on, {@code 0.0.0.0} by default, so the mock is reachable
 * through a container's published port;</li>
 * <li>{@value #PORT}: the port, {@value #DEFAULT_PORT} by default;</li>
 * <li>{@value #API_KEY}: the key it accepts, {@value MailgunMockServer#DEFAULT_API_KEY} by default;</li>
 * <li>{@value #DOMAINS}: the domains it knows, comma-separated, the first being the sending domain;
 * {@value MailgunMockServer#DEFAULT_DOMAIN} by default;</li>
 * <li>{@value #MAX_REQUEST_SIZE}: the largest request in bytes, Mailgun's 52,428,800 by default;</li>
 * <li>{@value #WEBHOOK_SIGNING_KEY}: the HTTP webhook signing key, {@value MockWebhooks#DEFAULT_SIGNING_KEY}
 * by default;</li>
 * <li>{@value #CLOCK}: {@code system} (the default) or {@code manual}, a clock that stands still until
 * {@code POST /mock/clock/advance} moves it.</li>
 * </ul>
 *
 * <p>
 * It prints {@value #READY_MESSAGE} and the address once it accepts requests, then one line per request
 * (a test in another process cannot read {@link MailgunMockServer#requests()}), for example
 * {@code POST /v3/mg.example.com/messages -> 200 <20260101120000.1.ABCDEF@mg.example.com> storage-key=...}:
 * the storage key lets such a test fetch what was sent through Mailgun's stored-message endpoint. The key
 * is never printed. Tests control it over HTTP, without the key, at the {@code /mock/} endpoints
 * {@link MailgunMockServer} lists (reset, faults, delays, scripted outcomes, events, webhook posts). It runs until it is stopped ({@code SIGTERM} or {@code SIGINT}). Accepted messages
 * stay in memory for the life of the process.
 */
public final class MailgunMockServerMain {

	/** The environment variable with the address to listen on. */
	public static final String HOST = "MAILGUN_MOCK_HOST";

	/** The environment variable with the port to listen on. */
	public static final String PORT = "MAILGUN_MOCK_PORT";

	/** The environment variable with the API key the mock accepts. */
	public static final String API_KEY = "MAILGUN_MOCK_API_KEY";

	/** The environment variable with the comma-separated domains the mock knows. */
	public static final String DOMAINS = "MAILGUN_MOCK_DOMAINS";

	/** The environment variable with the largest request accepted, in bytes. */
	public static final String MAX_REQUEST_SIZE = "MAILGUN_MOCK_MAX_REQUEST_SIZE";

	/** The environment variable with the HTTP webhook signing key the mock signs webhooks with. */
	public static final String WEBHOOK_SIGNING_KEY = "MAILGUN_MOCK_WEBHOOK_SIGNING_KEY";

	/**
	 * The environment variable that chooses the clock: {@code system} (the default) or {@code manual}, a
	 * clock that starts at the current time and moves only with {@code POST /mock/clock/advance}.
	 */
	public static final String CLOCK = "MAILGUN_MOCK_CLOCK";

	/** The port used without {@value #PORT}. */
	public static final int DEFAULT_PORT = 8080;

	/** The start of the line printed once the mock accepts requests. */
	public static final String READY_MESSAGE = "Mailgun mock listening on ";

	/** Printed after the message id of an accepted send, before its storage key. */
	static final String STORAGE_KEY_MARKER = " storage-key=";

	private MailgunMockServerMain() {
	}

	/**
	 * Starts the mock as the environment describes and waits until the process is stopped.
	 * @param args ignored: the mock is configured by environment variables
	 * @throws InterruptedException when the main thread is interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		MailgunMockServer server;
		try {
			server = start(System::getenv, System.out);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			System.err.println("Mailgun mock could not start: " + ex.getMessage());
			System.exit(2);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.close();
			System.out.println("Mailgun mock stopped");
			stopped.countDown();
		}, "mailgun-mock-shutdown"));
		// The server's threads are daemons (a mock in a test JVM must never keep it alive), so this thread
		// is what keeps the process up until a signal runs the shutdown hook.
		stopped.await();
	}

	/**
	 * Starts a server as the environment describes and prints the ready line.
	 * @param environment looks up an environment variable
	 * @param out where the ready line and the request lines go
	 * @return the running server
	 * @throws IllegalArgumentException when a variable has an invalid value
	 */
	static MailgunMockServer start(Function<String, @Nullable String> environment, PrintStream out) {
		String host = value(environment, HOST, "0.0.0.0");
		long port = number(environment, PORT, DEFAULT_PORT);
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException(PORT + " must be between 0 and 65535, was " + port);
		}
		MailgunMockServer.Builder builder = MailgunMockServer.builder().host(host).port((int) port);
		builder.apiKey(value(environment, API_KEY, MailgunMockServer.DEFAULT_API_KEY));
		builder.webhookSigningKey(value(environment, WEBHOOK_SIGNING_KEY, MockWebhooks.DEFAULT_SIGNING_KEY));
		builder.maxRequestSize(number(environment, MAX_REQUEST_SIZE, MailgunMockServer.DEFAULT_MAX_REQUEST_SIZE));
		String clock = value(environment, CLOCK, "system");
		if (clock.equalsIgnoreCase("manual")) {
			builder.clock(MockClock.manual(Instant.now()));
		}
		else if (!clock.equalsIgnoreCase("system")) {
			throw new IllegalArgumentException(CLOCK + " must be 'system' or 'manual', was '" + clock + "'");
		}
		List<String> domains = domains(value(environment, DOMAINS, MailgunMockServer.DEFAULT_DOMAIN));
		domains.forEach(builder::domain);
		// Set once the server started; the ready line is printed after it, so no client sends earlier.
		AtomicReference<MailgunMockServer> started = new AtomicReference<>();
		builder.requestListener(request -> out.println(describe(started.get(), request)));
		MailgunMockServer server = builder.start();
		started.set(server);
		out.println(READY_MESSAGE + host + ":" + server.port() + " (domains: " + String.join(", ", domains) + ")");
		out.flush();
		return server;
	}

	/** A request as one line, with the storage key of an accepted send. */
	static String describe(@Nullable MailgunMockServer server, MockRequest request) {
		String line = request.toString();
		if (server != null && request.status() == 200 && request.method().equals("POST")
				&& (request.path().endsWith("/messages") || request.path().endsWith("/messages.mime"))) {
			MockMessage message = server.findMessage(request.outcome()).orElse(null);
			if (message != null) {
				line += STORAGE_KEY_MARKER + message.storageKey();
			}
		}
		return line;
	}

	private static String value(Function<String, @Nullable String> environment, String name, String fallback) {
		String value = environment.apply(name);
		return (value != null && !value.isBlank()) ? value.trim() : fallback;
	}

	private static long number(Function<String, @Nullable String> environment, String name, long fallback) {
		String value = value(environment, name, Long.toString(fallback));
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a number, was '" + value + "'");
		}
	}

	private static List<String> domains(String value) {
		List<String> domains = new ArrayList<>();
		for (String domain : value.split(",")) {
			String name = domain.trim();
			if (!name.isEmpty() && domains.stream().noneMatch(name::equalsIgnoreCase)) {
				domains.add(name);
			}
		}
		if (domains.isEmpty()) {
			throw new IllegalArgumentException(DOMAINS + " must name at least one domain, was '" + value + "'");
		}
		return domains;
	}

}
