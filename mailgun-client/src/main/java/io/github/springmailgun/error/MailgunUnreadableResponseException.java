package io.github.springmailgun.error;

import org.jspecify.annotations.Nullable;

/**
 * Mailgun answered a call with a success status, but its body could not be read: it is not the
 * expected JSON, is too large, or did not arrive within the read timeout. Mailgun may have acted on the
 * call (a message queued, a file imported), so the client never repeats it.
 */
public class MailgunUnreadableResponseException extends MailgunTransportException {

	private final int statusCode;

	private final String bodySummary;

	/**
	 * Creates an exception for a success whose body could not be read.
	 * @param statusCode the 2xx status Mailgun answered with
	 * @param method the request method
	 * @param path the request path (no query, never the key)
	 * @param bodySummary what is known of the body: its start, or why it was not read
	 * @param cause the underlying failure
	 */
	public MailgunUnreadableResponseException(int statusCode, String method, String path, String bodySummary,
			@Nullable Throwable cause) {
		super("Mailgun answered " + method + " " + path + " with " + statusCode + " but the body could not be read ("
				+ bodySummary + "); the call is not repeated", cause, true);
		this.statusCode = statusCode;
		this.bodySummary = bodySummary;
	}

	/**
	 * Returns the success status Mailgun answered with.
	 * @return the status code
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Returns what is known of the body: its start, cut to a few hundred characters, or why it was not
	 * read (its size, the timeout).
	 * @return the summary
	 */
	public String getBodySummary() {
		return this.bodySummary;
	}

}
