package io.github.springmailgun.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * What the mock's outgoing posts share ({@link WebhookPoster} and {@link InboundPoster}): Mailgun's
 * signature, and a post made as a task of the mock's {@link MockClock}, never in the request that caused
 * it, retried as Mailgun retries webhooks and routes' {@code forward}: an answer other than 2xx or 406, or
 * none at all (refused, timed out), is posted again, the same body each time, after each delay of
 * {@link #retrySchedule(long)} in turn, then given up. On the system clock the post runs on the JDK
 * client's threads; on a manual clock the task waits for the answer, so that {@link MockClock#advance}
 * returns with the attempt recorded and its retry scheduled. Posts scheduled before a {@link #reset()} are
 * neither made nor answered.
 */
final class HttpPoster {

	/** Mailgun's delays before each retry of a webhook post that failed. */
	static final List<Duration> MAILGUN_RETRY_SCHEDULE = List.of(Duration.ofMinutes(5), Duration.ofMinutes(10),
			Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4));

	/** Mailgun's delays before each retry of a route's post ({@code forward}, {@code store(notify)}) that failed. */
	static final List<Duration> MAILGUN_ROUTE_RETRY_SCHEDULE = List.of(Duration.ofMinutes(10), Duration.ofMinutes(15),
			Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4));

	/** How long a URL has to answer before the attempt counts as failed. */
	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final MockClock clock;

	private final AtomicLong generation = new AtomicLong();

	private final List<Duration> retrySchedule;

	private volatile @Nullable HttpClient client;

	/**
	 * Creates a poster.
	 * @param clock the mock's clock, on which posts and retries are scheduled
	 * @param retrySchedule the delays before each retry, see {@link #retrySchedule(long)}
	 */
	HttpPoster(MockClock clock, List<Duration> retrySchedule) {
		this.clock = clock;
		this.retrySchedule = List.copyOf(retrySchedule);
	}

	/**
	 * Returns Mailgun's webhook retry schedule divided by a factor.
	 * @param compression how much faster than Mailgun's, 1 or more
	 * @return the delays before each retry
	 */
	static List<Duration> retrySchedule(long compression) {
		return retrySchedule(MAILGUN_RETRY_SCHEDULE, compression);
	}

	/**
	 * Returns a retry schedule of Mailgun's divided by a factor.
	 * @param schedule Mailgun's delays
	 * @param compression how much faster than Mailgun's, 1 or more
	 * @return the delays before each retry
	 */
	static List<Duration> retrySchedule(List<Duration> schedule, long compression) {
		if (compression < 1) {
			throw new IllegalArgumentException("retryCompression must be at least 1, was " + compression);
		}
		return schedule.stream().map((delay) -> delay.dividedBy(compression)).toList();
	}

	MockClock clock() {
		return this.clock;
	}

	List<Duration> retrySchedule() {
		return this.retrySchedule;
	}

	/** Drops every post scheduled so far, retries included. */
	void reset() {
		this.generation.incrementAndGet();
	}

	/**
	 * Schedules a post now on the mock's clock, and its retries while it fails.
	 * @param url the URL
	 * @param contentType the body's content type
	 * @param body the body, the same for every attempt
	 * @param attempts told of every attempt made
	 */
	void post(String url, String contentType, byte[] body, Attempts attempts) {
		attempt(Duration.ZERO, this.generation.get(), url, contentType, body, 1, attempts);
	}

	private void attempt(Duration delay, long generation, String url, String contentType, byte[] body, int attempt,
			Attempts attempts) {
		this.clock.schedule(delay, () -> send(generation, url, contentType, body, (at, status, error, sent) -> {
			attempts.attempted(attempt, at, status, error);
			boolean failed = !(status >= 200 && status < 300) && status != 406;
			// A request the client cannot make at all (a malformed URL) is not worth retrying.
			if (sent && failed && attempt <= this.retrySchedule.size()) {
				attempt(this.retrySchedule.get(attempt - 1), generation, url, contentType, body, attempt + 1,
						attempts);
			}
		}));
	}

	private boolean current(long generation) {
		return generation == this.generation.get();
	}

	private void send(long generation, String url, String contentType, byte[] body, Answer answer) {
		if (!current(generation)) {
			return;
		}
		Instant at = this.clock.now();
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(URI.create(url))
				.timeout(TIMEOUT)
				.header("Content-Type", contentType)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build();
		}
		catch (IllegalArgumentException ex) {
			answer.answered(at, 0, "cannot post to this URL: " + ex.getMessage(), false);
			return;
		}
		CompletableFuture<@Nullable Void> done = client().sendAsync(request, HttpResponse.BodyHandlers.discarding())
			.handle((response, failure) -> {
				if (current(generation)) {
					if (response != null) {
						answer.answered(at, response.statusCode(), null, true);
					}
					else {
						answer.answered(at, 0, describe(failure), true);
					}
				}
				return null;
			});
		if (this.clock.isManual()) {
			done.join();
		}
	}

	/**
	 * Returns Mailgun's signature fields, {@code timestamp}, {@code token} and {@code signature}, for a
	 * post made now.
	 * @param signingKey the HTTP webhook signing key
	 * @param now the time on the mock's clock
	 * @return the fields, in that order
	 */
	static Map<String, String> signature(String signingKey, Instant now) {
		String timestamp = Long.toString(now.getEpochSecond());
		// 50 characters, as Mailgun's tokens.
		String token = HexFormat.of().formatHex(MockWebhooks.randomBytes(25));
		Map<String, String> signature = new LinkedHashMap<>();
		signature.put("timestamp", timestamp);
		signature.put("token", token);
		signature.put("signature", sign(signingKey, timestamp + token));
		return signature;
	}

	/** The hex HMAC-SHA256 of the data with the key: Mailgun's webhook signature. */
	static String sign(String key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static String describe(@Nullable Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause == null) {
			return "no answer";
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private HttpClient client() {
		HttpClient current = this.client;
		if (current == null) {
			synchronized (this) {
				current = this.client;
				if (current == null) {
					// Created on the first post: most mocks never post.
					current = HttpClient.newBuilder()
						.version(HttpClient.Version.HTTP_1_1)
						.connectTimeout(TIMEOUT)
						.build();
					this.client = current;
				}
			}
		}
		return current;
	}

	/** Told of every attempt of a post. */
	@FunctionalInterface
	interface Attempts {

		/**
		 * Takes the outcome of an attempt.
		 * @param attempt 1 for the first post, 2 for the first retry and so on
		 * @param at when it was made, on the mock's clock
		 * @param status the HTTP status, 0 when no answer came
		 * @param error why no answer came, or {@code null}
		 */
		void attempted(int attempt, Instant at, int status, @Nullable String error);

	}

	/** How one request went. */
	@FunctionalInterface
	private interface Answer {

		/**
		 * Takes the outcome of an attempt.
		 * @param at when it was made, on the mock's clock
		 * @param status the HTTP status, 0 when no answer came
		 * @param error why no answer came, or {@code null}
		 * @param sent whether a request was made at all (a URL the client refuses is not)
		 */
		void answered(Instant at, int status, @Nullable String error, boolean sent);

	}

}
