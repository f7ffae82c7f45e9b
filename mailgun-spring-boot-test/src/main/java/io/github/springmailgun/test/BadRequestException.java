package io.github.springmailgun.test;

/**
 * A request the mock refuses with 400 and {@code {"message": ...}}, for a body it cannot read or a
 * parameter Mailgun would reject.
 */
final class BadRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	BadRequestException(String message) {
		super(message, null, false, false);
	}

}
