package io.github.springmailgun.error;

import org.jspecify.annotations.Nullable;

/**
 * The server's certificate was not trusted (unknown issuer, expired, or issued for another host), so no
 * request was sent. Not retried: the next attempt would meet the same certificate. Behind a
 * TLS-inspecting proxy, trust its certificate with an SSL bundle ({@code mailgun.ssl.bundle} in Spring
 * Boot); never turn certificate checks off.
 */
public class MailgunTlsException extends MailgunTransportException {

	/**
	 * Creates an exception for a failed certificate check.
	 * @param message what was refused, and how to trust the certificate
	 * @param cause the underlying failure
	 */
	public MailgunTlsException(String message, @Nullable Throwable cause) {
		super(message, cause, false);
	}

}
