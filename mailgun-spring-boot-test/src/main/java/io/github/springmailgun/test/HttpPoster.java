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
 * it. On the system clock the post runs on the JDK client's threads; on a manual clock the task waits for
 * the answer, so that {@link MockClock#advance} returns with the attempt recorded. Posts scheduled before a
 * {@link #reset()} are neither made nor answered.
 */
final class HttpPoster {

	/** How long a URL has to answer before the attempt counts as failed. */
	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final MockClock clock;

	private final AtomicLong generation = new AtomicLong();

	private volatile @Nullable HttpClient client;

	HttpPoster(MockClock clock) {
		this.clock = clock;
	}

	MockClock clock() {
		return this.clock;
	}

	/** The generation a post scheduled now belongs to. */
	long generation() {
		return this.generation.get();
	}

	boolean current(long generation) {
		return generation == this.generation.get();
	}

	/** Drops every post scheduled so far. */
	void reset() {
		this.generation.incrementAndGet();
	}

	/**
	 * Schedules a post.
	 * @param delay how long after now on the mock's clock
	 * @param generation the {@link #generation()} when the post was first scheduled
	 * @param url the URL
	 * @param contentType the body's content type
	 * @param body the body
	 * @param answer told how the attempt went, if its generation is still the current one
	 */
	void schedule(Duration delay, long generation, String url, String contentType, byte[] body, Answer answer) {
		this.clock.schedule(delay, () -> send(generation, url, contentType, body, answer));
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

	/** How an attempt went. */
	@FunctionalInterface
	interface Answer {

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
