package io.github.springmailgun.webhook;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The signature block of a Mailgun webhook: {@code signature} in a JSON webhook, the top-level
 * {@code timestamp}, {@code token} and {@code signature} fields in a legacy form-encoded one. Mailgun signs
 * {@code timestamp + token} with HMAC-SHA256 and the HTTP webhook signing key.
 *
 * <p>
 * The values are kept exactly as received, since the signature covers their text.
 *
 * @param timestamp the signing time in seconds since the epoch, as text
 * @param token the random token, unique per webhook and repeated on its retries
 * @param signature the hex HMAC-SHA256 of {@code timestamp + token}
 * @param parentSignature the hex HMAC-SHA256 of {@code timestamp + token} with the primary account's
 * key, sent for subaccount domains; {@code null} when absent
 */
public record WebhookSignature(String timestamp, String token, String signature, @Nullable String parentSignature) {

	/**
	 * Checks that the values are present.
	 */
	public WebhookSignature {
		Objects.requireNonNull(timestamp, "timestamp");
		Objects.requireNonNull(token, "token");
		Objects.requireNonNull(signature, "signature");
	}

	/**
	 * Creates a signature block without a parent signature.
	 * @param timestamp the signing time in seconds since the epoch, as text
	 * @param token the random token
	 * @param signature the hex HMAC-SHA256 of {@code timestamp + token}
	 */
	public WebhookSignature(String timestamp, String token, String signature) {
		this(timestamp, token, signature, null);
	}

	/**
	 * Returns a summary with the timestamp and token but not the signatures.
	 * @return the summary
	 */
	@Override
	public String toString() {
		return "WebhookSignature[timestamp=" + this.timestamp + ", token=" + this.token + ", parentSignature="
				+ ((this.parentSignature != null) ? "present" : "absent") + "]";
	}

}
