package io.github.springmailgun.route;

/**
 * The filter of a route, as Mailgun's expression text. Build the common filters with
 * {@link #matchRecipient(String)}, {@link #matchHeader(String, String)} and {@link #catchAll()}; any
 * other expression (such as {@code and(...)}) with {@link #raw(String)}. Values are checked before any
 * request: a value with a {@code "} is refused, not escaped, since Mailgun documents no escape.
 *
 * @param value the expression as Mailgun reads it, such as {@code match_recipient(".*@mg.example.com")}
 */
public record RouteExpression(String value) {

	/**
	 * Checks the text: not blank, on one line.
	 */
	public RouteExpression {
		RouteChecks.requireLine("expression", "expression", value);
	}

	/**
	 * Matches the recipient address against a regular expression ({@code match_recipient("pattern")}).
	 * Mailgun's patterns are Python regular expressions, so named groups are written {@code (?P<name>...)};
	 * escape the dots of a literal address ({@code support@mg\\.example\\.com}).
	 * @param pattern the pattern
	 * @return the expression
	 */
	public static RouteExpression matchRecipient(String pattern) {
		return new RouteExpression("match_recipient(" + RouteChecks.quoted("expression", "recipient pattern", pattern)
				+ ")");
	}

	/**
	 * Matches a header of the message against a regular expression
	 * ({@code match_header("header", "pattern")}).
	 * @param header the header name, such as {@code subject}
	 * @param pattern the pattern
	 * @return the expression
	 */
	public static RouteExpression matchHeader(String header, String pattern) {
		return new RouteExpression("match_header(" + RouteChecks.quoted("expression", "header name", header) + ", "
				+ RouteChecks.quoted("expression", "header pattern", pattern) + ")");
	}

	/**
	 * Matches every message ({@code catch_all()}); give it the largest priority number so that the other
	 * routes are evaluated first.
	 * @return the expression
	 */
	public static RouteExpression catchAll() {
		return new RouteExpression("catch_all()");
	}

	/**
	 * Uses an expression as written, for what the other methods do not build.
	 * @param expression the expression text
	 * @return the expression
	 */
	public static RouteExpression raw(String expression) {
		return new RouteExpression(expression);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
