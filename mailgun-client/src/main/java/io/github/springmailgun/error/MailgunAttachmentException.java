package io.github.springmailgun.error;

import org.jspecify.annotations.Nullable;

/**
 * An attachment, inline part or MIME message could not be read while the request was written. The
 * request was cut short, so Mailgun did not accept it.
 */
public class MailgunAttachmentException extends MailgunException {

	/**
	 * Creates an exception for an unreadable part.
	 * @param message which part and why
	 * @param cause the I/O failure
	 */
	public MailgunAttachmentException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
