package io.github.springmailgun.domain;

/**
 * The scheme of a domain's open, click and unsubscribe tracking links (Mailgun's {@code web_scheme}).
 */
public enum WebScheme {

	/** Tracking links use {@code http://}, Mailgun's default. */
	HTTP("http"),

	/**
	 * Tracking links use {@code https://}; the tracking domain needs a valid certificate first (see
	 * Mailgun's Domain Tracking documentation), or the links break.
	 */
	HTTPS("https");

	private final String wireValue;

	WebScheme(String wireValue) {
		this.wireValue = wireValue;
	}

	/**
	 * Returns the value as the {@code web_scheme} parameter expects it.
	 * @return the wire value
	 */
	public String wireValue() {
		return this.wireValue;
	}

}
