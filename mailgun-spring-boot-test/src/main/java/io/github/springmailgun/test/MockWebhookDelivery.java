package io.github.springmailgun.test;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One attempt of a {@link MailgunMockServer} to post an event to a webhook URL, as
 * {@link MockWebhooks#deliveries()} records it.
 *
 * @param url the URL posted to
 * @param webhook the webhook the URL is registered for, such as {@code delivered} or {@code permanent_fail}
 * @param eventId the id of the event posted
 * @param attempt the attempt, 1 for the first post, 2 for the first retry and so on
 * @param at when the attempt was made, on the mock's {@link MockClock}
 * @param status the HTTP status of the answer, 0 when none came (see {@code error})
 * @param error why no answer came (connection refused, timeout), or {@code null}
 */
public record MockWebhookDelivery(String url, String webhook, String eventId, int attempt, Instant at, int status,
		@Nullable String error) {

	/**
	 * Checks the values.
	 */
	public MockWebhookDelivery {
		Objects.requireNonNull(url, "url");
		Objects.requireNonNull(webhook, "webhook");
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(at, "at");
	}

	/**
	 * Returns whether the URL took the event: Mailgun counts any 2xx answer as delivered.
	 * @return whether it was delivered
	 */
	public boolean delivered() {
		return this.status >= 200 && this.status < 300;
	}

	/**
	 * Returns whether the URL refused the event with 406, which Mailgun never retries.
	 * @return whether it was rejected
	 */
	public boolean rejected() {
		return this.status == 406;
	}

}
