package io.github.springmailgun.error;

import io.github.springmailgun.MailgunRegion;

/**
 * Mailgun does not know the domain or resource (404). Often a domain of the other region.
 */
public class MailgunNotFoundException extends MailgunApiException {

	/**
	 * Creates an exception for an error response.
	 * @param statusCode the HTTP status
	 * @param mailgunMessage Mailgun's message
	 * @param method the request method
	 * @param path the request path
	 * @param region the configured region
	 * @param hint advice appended to the message, or an empty string
	 */
	public MailgunNotFoundException(int statusCode, String mailgunMessage, String method, String path, MailgunRegion region,
			String hint) {
		super(statusCode, mailgunMessage, method, path, region, hint);
	}

}
