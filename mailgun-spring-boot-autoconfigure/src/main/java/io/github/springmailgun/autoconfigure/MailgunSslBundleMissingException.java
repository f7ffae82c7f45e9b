package io.github.springmailgun.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Start-up failure: {@code mailgun.ssl.bundle} names an SSL bundle that is not configured. Explained to
 * the user by {@link MailgunSslBundleMissingFailureAnalyzer}.
 */
public class MailgunSslBundleMissingException extends RuntimeException {

	private final String bundle;

	/**
	 * Creates the exception for a bundle that does not exist.
	 * @param bundle the name set in {@code mailgun.ssl.bundle}
	 * @param cause Spring Boot's failure to find it, or {@code null} when no bundle is configured at all
	 */
	public MailgunSslBundleMissingException(String bundle, @Nullable Throwable cause) {
		super("Mailgun is not configured: 'mailgun.ssl.bundle' names the SSL bundle '" + bundle
				+ "', which does not exist", cause);
		this.bundle = bundle;
	}

	/**
	 * Returns the name of the missing bundle.
	 * @return the bundle name
	 */
	public String getBundle() {
		return this.bundle;
	}

}
