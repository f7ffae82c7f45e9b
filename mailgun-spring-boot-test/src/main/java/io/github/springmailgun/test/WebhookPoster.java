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
 * Posts events to webhook URLs as Mailgun does: a JSON body {@code {"signature": {...}, "event-data": {...}}}
 * signed with the HTTP webhook signing key, posted as a task of the mock's {@link MockClock} (never in the
 * request that caused the event), retried on {@link MockWebhooks#retrySchedule()} until an answer is 2xx or
 * 406. Every attempt is recorded in {@link MockWebhooks#deliveries()}.
 *
 * <p>
 * On the system clock the post runs on the JDK client's threads and its answer schedules the retry; on a
 * manual clock the task waits for the answer, so that {@link MockClock#advance} returns with the attempt
 * recorded and its retry scheduled. Each retry posts the same body, signature included, as Mailgun's do.
 */
final class WebhookPoster {

	/** How long a URL has to answer before the attempt counts as failed. */
	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final MockWebhooks webhooks;

	// Posts of an earlier generation (before a reset) neither record nor retry.
	private final AtomicLong generation = new AtomicLong();

	private volatile @Nullable HttpClient client;

	WebhookPoster(MockWebhooks webhooks) {
		this.webhooks = webhooks;
	}

	/** Signs the event now and schedules its first post to the URL. */
	void post(String url, String webhook, MockEvent event) {
		MockClock clock = this.webhooks.clock();
		Post post = new Post(url, webhook, event.id(), body(event, clock.now()),
				this.generation.get());
		clock.schedule(Duration.ZERO, () -> attempt(post, 1));
	}

	void reset() {
		this.generation.incrementAndGet();
	}

	private byte[] body(MockEvent event, Instant now) {
		String timestamp = Long.toString(now.getEpochSecond());
		// 50 characters, as Mailgun's tokens.
		String token = HexFormat.of().formatHex(MockWebhooks.randomBytes(25));
		Map<String, Object> signature = new LinkedHashMap<>();
		signature.put("timestamp", timestamp);
		signature.put("token", token);
		signature.put("signature", sign(this.webhooks.signingKey(), timestamp + token));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("signature", signature);
		body.put("event-data", event.data());
		return MockJson.write(body);
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

	private void attempt(Post post, int attempt) {
		if (post.generation() != this.generation.get()) {
			return;
		}
		MockClock clock = this.webhooks.clock();
		Instant at = clock.now();
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(URI.create(post.url()))
				.timeout(TIMEOUT)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(post.body()))
				.build();
		}
		catch (IllegalArgumentException ex) {
			// The URL was checked at registration; a request it cannot make is not worth retrying.
			finish(post, attempt, at, 0, "cannot post to this URL: " + ex.getMessage(), false);
			return;
		}
		CompletableFuture<@Nullable Void> done = client().sendAsync(request, HttpResponse.BodyHandlers.discarding())
			.handle((response, failure) -> {
				if (response != null) {
					int status = response.statusCode();
					finish(post, attempt, at, status, null, !(status >= 200 && status < 300) && status != 406);
				}
				else {
					finish(post, attempt, at, 0, describe(failure), true);
				}
				return null;
			});
		if (clock.isManual()) {
			done.join();
		}
	}

	private void finish(Post post, int attempt, Instant at, int status, @Nullable String error, boolean retry) {
		if (post.generation() != this.generation.get()) {
			return;
		}
		this.webhooks.record(new MockWebhookDelivery(post.url(), post.webhook(), post.eventId(), attempt, at, status,
				error));
		List<Duration> schedule = this.webhooks.retrySchedule();
		if (retry && attempt <= schedule.size()) {
			this.webhooks.clock().schedule(schedule.get(attempt - 1), () -> attempt(post, attempt + 1));
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
					// Created on the first post: most mocks never post a webhook.
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

	/**
	 * One event on its way to one URL.
	 *
	 * @param url the URL
	 * @param webhook the webhook name
	 * @param eventId the event's id
	 * @param body the signed JSON body, the same for every attempt
	 * @param generation the poster's generation when it was scheduled
	 */
	private record Post(String url, String webhook, String eventId, byte[] body, long generation) {

	}

}
