package io.github.springmailgun.error;

import org.jspecify.annotations.Nullable;

/**
 * Base class of every exception the Mailgun client raises. Messages never contain the API key.
 */
public class MailgunException extends RuntimeException {

	/**
	 * Creates an exception with a message.
	 * @param message what went wrong
	 */
	public MailgunException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a message and a cause.
	 * @param message what went wrong
	 * @param cause the underlying failure
	 */
	public MailgunException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * Returns whether Mailgun may have carried out the failed call (for a send: accepted the message), so
	 * that repeating it may do it twice. Mailgun has no idempotency key; settle such a send by looking for
	 * it in the events or logs before sending it again.
	 * @return {@code true} for a server error (5xx) and for a transport failure after the request may
	 * have been written; {@code false} when Mailgun refused the call or never received it
	 */
	public boolean isOutcomeUnknown() {
		return false;
	}

}
