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

}
