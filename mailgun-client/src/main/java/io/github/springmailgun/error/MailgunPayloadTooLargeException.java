package io.github.springmailgun.error;

import io.github.springmailgun.MailgunRegion;

/**
 * The request was larger than Mailgun accepts (413): about 52 MiB for a whole request, 25 MB of attachments.
 */
public class MailgunPayloadTooLargeException extends MailgunApiException {

	/**
	 * Creates an exception for an error response.
	 * @param statusCode the HTTP status
	 * @param mailgunMessage Mailgun's message
	 * @param method the request method
	 * @param path the request path
	 * @param region the configured region
	 * @param hint advice appended to the message, or an empty string
	 */
	public MailgunPayloadTooLargeException(int statusCode, String mailgunMessage, String method, String path, MailgunRegion region,
			String hint) {
		super(statusCode, mailgunMessage, method, path, region, hint);
	}

}
