package io.github.springmailgun.webhook;

import java.util.Objects;

import io.github.springmailgun.error.MailgunException;
import org.jspecify.annotations.Nullable;

/**
 * A webhook request that must not be processed: its body is malformed, its signature does not match,
 * its timestamp is out of range, or its token was already processed. The message never contains the
 * signing key, the signature or the request body.
 */
public class WebhookVerificationException extends MailgunException {

	private final Reason reason;

	/**
	 * Creates an exception for a reason and a message.
	 * @param reason why the webhook is rejected
	 * @param message what went wrong, without secrets
	 */
	public WebhookVerificationException(Reason reason, String message) {
		this(reason, message, null);
	}

	/**
	 * Creates an exception for a reason, a message and a cause.
	 * @param reason why the webhook is rejected
	 * @param message what went wrong, without secrets
	 * @param cause the underlying failure, or {@code null}
	 */
	public WebhookVerificationException(Reason reason, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.reason = Objects.requireNonNull(reason, "reason");
	}

	/**
	 * Returns why the webhook is rejected.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Why a webhook request is rejected.
	 */
	public enum Reason {

		/**
		 * The body is not a Mailgun webhook: not JSON or form data, or the signature fields are missing
		 * or have the wrong shape.
		 */
		MALFORMED,

		/**
		 * The signature (or the parent signature) does not match the configured signing key.
		 */
		BAD_SIGNATURE,

		/**
		 * The signature timestamp is older than the allowed maximum age.
		 */
		STALE_TIMESTAMP,

		/**
		 * The signature timestamp is further in the future than the allowed clock skew. Only a valid
		 * signature gets this far, so the request is Mailgun's and this machine's clock is behind: answer
		 * so that Mailgun retries (the Boot endpoint answers 503), not with a rejection.
		 */
		FUTURE_TIMESTAMP,

		/**
		 * The token was already processed: the request is a replay or a duplicate delivery.
		 */
		REPLAYED_TOKEN

	}

}
