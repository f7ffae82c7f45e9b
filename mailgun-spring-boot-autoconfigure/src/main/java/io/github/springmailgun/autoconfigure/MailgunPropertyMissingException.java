package io.github.springmailgun.autoconfigure;

/**
 * Start-up failure: a setting the Mailgun client cannot work without is missing. Explained to the user
 * by {@link MailgunPropertyMissingFailureAnalyzer}.
 */
public class MailgunPropertyMissingException extends RuntimeException {

	private final String property;

	/**
	 * Creates the exception for a missing property.
	 * @param property the property, for example {@code mailgun.api-key}
	 */
	public MailgunPropertyMissingException(String property) {
		super("Mailgun is not configured: '" + property + "' is not set");
		this.property = property;
	}

	/**
	 * Returns the missing property.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

}
