package io.github.springmailgun.test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Posts events to webhook URLs as Mailgun does: a JSON body {@code {"signature": {...}, "event-data": {...}}}
 * signed with the HTTP webhook signing key, posted as a task of the mock's {@link MockClock} (never in the
 * request that caused the event), retried on {@link MockWebhooks#retrySchedule()} until an answer is 2xx or
 * 406. Every attempt is recorded in {@link MockWebhooks#deliveries()}.
 *
 * <p>
 * On the system clock the answer schedules the retry; on a manual clock {@link MockClock#advance} returns
 * with the attempt recorded and its retry scheduled (see {@link HttpPoster}). Each retry posts the same
 * body, signature included, as Mailgun's do.
 */
final class WebhookPoster {

	private final MockWebhooks webhooks;

	private final HttpPoster http;

	WebhookPoster(MockWebhooks webhooks) {
		this.webhooks = webhooks;
		this.http = new HttpPoster(webhooks.clock());
	}

	/** Signs the event now and schedules its first post to the URL. */
	void post(String url, String webhook, MockEvent event) {
		Post post = new Post(url, webhook, event.id(), body(event, this.http.clock().now()), this.http.generation());
		attempt(Duration.ZERO, post, 1);
	}

	void reset() {
		this.http.reset();
	}

	private byte[] body(MockEvent event, Instant now) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("signature", HttpPoster.signature(this.webhooks.signingKey(), now));
		body.put("event-data", event.data());
		return MockJson.write(body);
	}

	private void attempt(Duration delay, Post post, int attempt) {
		this.http.schedule(delay, post.generation(), post.url(), "application/json", post.body(),
				(at, status, error, sent) -> finish(post, attempt, at, status, error,
						sent && !(status >= 200 && status < 300) && status != 406));
	}

	private void finish(Post post, int attempt, Instant at, int status, @Nullable String error, boolean retry) {
		this.webhooks.record(new MockWebhookDelivery(post.url(), post.webhook(), post.eventId(), attempt, at, status,
				error));
		List<Duration> schedule = this.webhooks.retrySchedule();
		if (retry && attempt <= schedule.size()) {
			// The URL was checked at registration; a request the client cannot make is not worth retrying.
			attempt(schedule.get(attempt - 1), post, attempt + 1);
		}
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
