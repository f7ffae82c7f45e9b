package io.github.springmailgun.error;

import org.jspecify.annotations.Nullable;

/**
 * The call did not complete at the HTTP level: no connection, a reset, a response that could not be
 * read. When it happened after the request was written, a send may or may not have been accepted.
 */
public class MailgunTransportException extends MailgunException {

	private final boolean requestMayHaveReachedMailgun;

	/**
	 * Creates an exception for a transport failure.
	 * @param message what went wrong
	 * @param cause the underlying failure
	 * @param requestMayHaveReachedMailgun whether the request may have been received
	 */
	public MailgunTransportException(String message, @Nullable Throwable cause,
			boolean requestMayHaveReachedMailgun) {
		super(message, cause);
		this.requestMayHaveReachedMailgun = requestMayHaveReachedMailgun;
	}

	/**
	 * Returns whether Mailgun may have received the request (and, for a send, accepted the message).
	 * @return {@code false} only when the connection was never made
	 */
	public boolean isRequestMayHaveReachedMailgun() {
		return this.requestMayHaveReachedMailgun;
	}

	/**
	 * Returns whether the request may have reached Mailgun, the same as
	 * {@link #isRequestMayHaveReachedMailgun()}.
	 * @return {@code false} only when the connection was never made
	 */
	@Override
	public boolean isOutcomeUnknown() {
		return this.requestMayHaveReachedMailgun;
	}

}
