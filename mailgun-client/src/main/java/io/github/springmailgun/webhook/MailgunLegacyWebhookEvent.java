package io.github.springmailgun.webhook;

import java.util.Objects;

/**
 * A legacy form-encoded Mailgun webhook that passed verification, published as an application event by
 * the webhook endpoint. Its fields are Mailgun's legacy ones ({@code event}, {@code recipient},
 * {@code Message-Id}, custom variables), not a typed event. Listen with
 * {@code @EventListener void on(MailgunLegacyWebhookEvent event)}; a listener that throws makes the
 * endpoint answer 500, so that Mailgun retries.
 *
 * @param webhook the form fields with the signature block
 * @param verification the accepted signature's token and time
 */
public record MailgunLegacyWebhookEvent(LegacyWebhook webhook, WebhookVerification verification) {

	/**
	 * Checks that the values are present.
	 */
	public MailgunLegacyWebhookEvent {
		Objects.requireNonNull(webhook, "webhook");
		Objects.requireNonNull(verification, "verification");
	}

	/**
	 * Returns a summary with the field names but not their values.
	 * @return the summary
	 */
	@Override
	public String toString() {
		return "MailgunLegacyWebhookEvent[webhook=" + this.webhook + ", token=" + this.verification.token() + "]";
	}

}
