package io.github.springmailgun.error;

import org.jspecify.annotations.Nullable;

/**
 * Mailgun did not answer within the configured timeout. A send that timed out may or may not have
 * been accepted.
 */
public class MailgunTimeoutException extends MailgunTransportException {

	/**
	 * Creates an exception for a timeout.
	 * @param message what timed out
	 * @param cause the underlying failure
	 * @param requestMayHaveReachedMailgun whether the request may have been received
	 */
	public MailgunTimeoutException(String message, @Nullable Throwable cause, boolean requestMayHaveReachedMailgun) {
		super(message, cause, requestMayHaveReachedMailgun);
	}

}
