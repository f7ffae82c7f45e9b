package io.github.springmailgun.error;

import io.github.springmailgun.MailgunRegion;

/**
 * Mailgun or a proxy in front of it failed (5xx). A send that got this may or may not have been accepted.
 */
public class MailgunServerException extends MailgunApiException {

	/**
	 * Creates an exception for an error response.
	 * @param statusCode the HTTP status
	 * @param mailgunMessage Mailgun's message
	 * @param method the request method
	 * @param path the request path
	 * @param region the configured region
	 * @param hint advice appended to the message, or an empty string
	 */
	public MailgunServerException(int statusCode, String mailgunMessage, String method, String path, MailgunRegion region,
			String hint) {
		super(statusCode, mailgunMessage, method, path, region, hint);
	}

	/**
	 * Returns {@code true}: a 500 may come after Mailgun queued the message, and a 502 to 504 from a proxy
	 * says nothing about what Mailgun did behind it.
	 * @return {@code true}
	 */
	@Override
	public boolean isOutcomeUnknown() {
		return true;
	}

}
