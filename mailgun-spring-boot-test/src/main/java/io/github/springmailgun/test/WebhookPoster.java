package io.github.springmailgun.test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Posts events to webhook URLs as Mailgun does: a JSON body {@code {"signature": {...}, "event-data": {...}}}
 * signed with the HTTP webhook signing key, posted as a task of the mock's {@link MockClock} (never in the
 * request that caused the event), retried on {@link MockWebhooks#retrySchedule()} until an answer is 2xx or
 * 406 (see {@link HttpPoster}). Every attempt is recorded in {@link MockWebhooks#deliveries()}. Each retry
 * posts the same body, signature included, as Mailgun's do.
 */
final class WebhookPoster {

	private final MockWebhooks webhooks;

	private final HttpPoster http;

	WebhookPoster(MockWebhooks webhooks) {
		this.webhooks = webhooks;
		this.http = new HttpPoster(webhooks.clock(), webhooks.retrySchedule());
	}

	/** Signs the event now and schedules its first post to the URL. */
	void post(String url, String webhook, MockEvent event) {
		this.http.post(url, "application/json", body(event, this.http.clock().now()),
				(attempt, at, status, error) -> this.webhooks
					.record(new MockWebhookDelivery(url, webhook, event.id(), attempt, at, status, error)));
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

}
