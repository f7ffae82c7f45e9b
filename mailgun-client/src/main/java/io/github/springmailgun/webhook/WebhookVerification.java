package io.github.springmailgun.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * A webhook signature that {@link WebhookSignatureVerifier#verify(WebhookSignature)} accepted: authentic,
 * recent, and with a token not processed yet. Hand it to
 * {@link WebhookSignatureVerifier#claim(WebhookVerification)} before the event is handled and to
 * {@link WebhookSignatureVerifier#commit(WebhookVerification)} once it was.
 *
 * @param token the webhook token
 * @param timestamp when Mailgun signed the webhook
 * @param signedByParent whether the primary account's {@code parent-signature} authenticated it, rather
 * than the {@code signature} of the configured signing key
 */
public record WebhookVerification(String token, Instant timestamp, boolean signedByParent) {

	/**
	 * Checks that the values are present.
	 */
	public WebhookVerification {
		Objects.requireNonNull(token, "token");
		Objects.requireNonNull(timestamp, "timestamp");
	}

}
