package io.github.springmailgun.error;

/**
 * A request that Mailgun would reject for its shape, caught before any network call. It names the
 * parameter and the rule it breaks.
 */
public class MailgunValidationException extends MailgunException {

	private final String parameter;

	private final String rule;

	/**
	 * Creates an exception for a parameter and the rule it breaks.
	 * @param parameter the Mailgun parameter, as Mailgun names it ({@code to}, {@code o:deliverytime}, ...)
	 * @param rule what the value must be
	 */
	public MailgunValidationException(String parameter, String rule) {
		super("Invalid Mailgun parameter '" + parameter + "': " + rule);
		this.parameter = parameter;
		this.rule = rule;
	}

	/**
	 * Returns the parameter that is invalid, as Mailgun names it.
	 * @return the parameter name
	 */
	public String getParameter() {
		return this.parameter;
	}

	/**
	 * Returns the rule the value breaks.
	 * @return the rule
	 */
	public String getRule() {
		return this.rule;
	}

}
