package io.github.springmailgun.webhook;

import org.jspecify.annotations.Nullable;

/**
 * The HTTP webhook signing key of the account ({@code http_signing_key}), with which Mailgun signs
 * every webhook request. It is a secret: {@link #toString()} never shows it.
 *
 * @param value the key
 * @param message Mailgun's message (after a rotation), or {@code null}
 */
public record HttpSigningKey(String value, @Nullable String message) {

	/**
	 * Returns a description without the key.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "HttpSigningKey[value=******, message=" + this.message + "]";
	}

}
