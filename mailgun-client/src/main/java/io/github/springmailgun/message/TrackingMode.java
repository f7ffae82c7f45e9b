package io.github.springmailgun.message;

/**
 * Values of Mailgun's {@code o:tracking} and {@code o:tracking-clicks} options.
 */
public enum TrackingMode {

	/** Track ({@code yes}). */
	YES("yes"),

	/** Do not track ({@code no}). */
	NO("no"),

	/** Rewrite links in the HTML part only ({@code htmlonly}). */
	HTML_ONLY("htmlonly");

	private final String wireValue;

	TrackingMode(String wireValue) {
		this.wireValue = wireValue;
	}

	/**
	 * Returns the value as Mailgun expects it.
	 * @return the wire value
	 */
	public String wireValue() {
		return this.wireValue;
	}

}
