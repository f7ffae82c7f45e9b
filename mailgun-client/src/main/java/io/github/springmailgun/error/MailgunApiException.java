package io.github.springmailgun.error;

import io.github.springmailgun.MailgunRegion;

/**
 * Mailgun answered a call with an error status. Carries the status, Mailgun's own message, the
 * request method and path, and the region the client was configured for.
 */
public class MailgunApiException extends MailgunException {

	private final int statusCode;

	private final String mailgunMessage;

	private final String method;

	private final String path;

	private final MailgunRegion region;

	/**
	 * Creates an exception for an error response.
	 * @param statusCode the HTTP status
	 * @param mailgunMessage Mailgun's message, from {@code {"message": ...}} or the plain body
	 * @param method the request method
	 * @param path the request path (no query, never the key)
	 * @param region the configured region
	 * @param hint advice appended to the message, or an empty string
	 */
	public MailgunApiException(int statusCode, String mailgunMessage, String method, String path, MailgunRegion region,
			String hint) {
		super(describe(statusCode, mailgunMessage, method, path, region, hint));
		this.statusCode = statusCode;
		this.mailgunMessage = mailgunMessage;
		this.method = method;
		this.path = path;
		this.region = region;
	}

	private static String describe(int statusCode, String mailgunMessage, String method, String path,
			MailgunRegion region, String hint) {
		return "Mailgun answered " + method + " " + path + " with " + statusCode
				+ (mailgunMessage.isEmpty() ? "" : ": " + mailgunMessage) + " (region " + region + ")"
				+ (hint.isEmpty() ? "" : ". " + hint);
	}

	/**
	 * Returns the HTTP status Mailgun answered with.
	 * @return the status code
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Returns Mailgun's own message, as it wrote it.
	 * @return the message, possibly empty
	 */
	public String getMailgunMessage() {
		return this.mailgunMessage;
	}

	/**
	 * Returns the HTTP method of the failed request.
	 * @return the method
	 */
	public String getMethod() {
		return this.method;
	}

	/**
	 * Returns the path of the failed request.
	 * @return the path
	 */
	public String getPath() {
		return this.path;
	}

	/**
	 * Returns the region the client was configured for.
	 * @return the region
	 */
	public MailgunRegion getRegion() {
		return this.region;
	}

}
