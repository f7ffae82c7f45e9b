package io.github.springmailgun.webhook;

import java.util.Objects;

import io.github.springmailgun.event.EventType;
import io.github.springmailgun.event.MailgunEvent;

/**
 * A Mailgun JSON webhook that passed verification, published as an application event by the webhook
 * endpoint. Listen with {@code @EventListener void on(MailgunWebhookEvent event)}; listeners run on the
 * request thread before the endpoint answers, and when one throws, Mailgun is answered with a 500 and
 * retries later with the same token. Listeners should be idempotent: the event id helps.
 *
 * <p>
 * Mailgun signs only the timestamp and the token, not the {@code event-data}: the event is trustworthy
 * because each token is accepted once, over HTTPS.
 *
 * @param payload the webhook body: signature block, typed event and the JSON as received
 * @param verification the accepted signature's token and time
 */
public record MailgunWebhookEvent(WebhookPayload payload, WebhookVerification verification) {

	/**
	 * Checks that the values are present.
	 */
	public MailgunWebhookEvent {
		Objects.requireNonNull(payload, "payload");
		Objects.requireNonNull(verification, "verification");
	}

	/**
	 * Returns the typed event, an {@link io.github.springmailgun.event.UnknownEvent} for event types this
	 * library does not model.
	 * @return the event
	 */
	public MailgunEvent event() {
		return this.payload.event();
	}

	/**
	 * Returns the type of the event.
	 * @return the type
	 */
	public EventType type() {
		return this.payload.event().type();
	}

	/**
	 * Returns the request body exactly as received.
	 * @return the JSON body
	 */
	public String json() {
		return this.payload.json();
	}

	/**
	 * Returns a summary without the body and the signatures.
	 * @return the summary
	 */
	@Override
	public String toString() {
		return "MailgunWebhookEvent[event=" + this.payload.event().data() + ", token=" + this.verification.token()
				+ ", signedByParent=" + this.verification.signedByParent() + "]";
	}

}
