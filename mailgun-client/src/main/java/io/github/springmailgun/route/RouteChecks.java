package io.github.springmailgun.route;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

/**
 * The rules for values written into route expressions and actions, checked before any request.
 */
final class RouteChecks {

	private RouteChecks() {
	}

	/**
	 * Writes a value as a double-quoted argument. Mailgun documents no escape inside quotes, so a quote
	 * is refused rather than escaped, and so is an odd run of backslashes at the end, which would escape
	 * the closing quote in a parser that reads backslash escapes.
	 * @param parameter the parameter, for the error
	 * @param what the argument, for the error
	 * @param value the value
	 * @return the quoted value
	 */
	static String quoted(String parameter, String what, @Nullable String value) {
		String text = requireLine(parameter, what, value);
		if (text.indexOf('"') >= 0) {
			throw new MailgunValidationException(parameter, what + " must not contain '\"': Mailgun documents no "
					+ "escape for it inside an expression (write the whole expression with raw(...) if needed)");
		}
		int backslashes = 0;
		for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
			backslashes++;
		}
		if (backslashes % 2 == 1) {
			throw new MailgunValidationException(parameter, what + " must not end in a lone '\\': it would escape "
					+ "the closing quote");
		}
		return "\"" + text + "\"";
	}

	/**
	 * Checks text that goes into an expression or action as written: not blank, on one line.
	 * @param parameter the parameter, for the error
	 * @param what the value, for the error
	 * @param value the value
	 * @return the value
	 */
	static String requireLine(String parameter, String what, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new MailgunValidationException(parameter, what + " must not be blank");
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			throw new MailgunValidationException(parameter, what + " must not contain control characters "
					+ "(line breaks, tabs, NUL)");
		}
		return value;
	}

	/**
	 * Checks a URL Mailgun posts to: absolute {@code http} or {@code https} with a host.
	 * @param parameter the parameter, for the error
	 * @param what the value, for the error
	 * @param value the value
	 * @return the value
	 */
	static String requireHttpUrl(String parameter, String what, String value) {
		try {
			URI uri = new URI(value);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
				return value;
			}
		}
		catch (URISyntaxException ex) {
			// Reported below with the rule.
		}
		throw new MailgunValidationException(parameter, what + " must be an absolute http or https URL, was '"
				+ value + "'");
	}

	/**
	 * Checks a destination of {@code forward}: an http(s) URL, or one address {@code local@domain}.
	 * @param parameter the parameter, for the error
	 * @param value the value
	 * @return the value
	 */
	static String requireDestination(String parameter, String value) {
		if (value.contains("://")) {
			return requireHttpUrl(parameter, "forward destination", value);
		}
		int at = value.lastIndexOf('@');
		if (at <= 0 || at == value.length() - 1 || value.chars().anyMatch(Character::isWhitespace)
				|| value.indexOf(',') >= 0) {
			throw new MailgunValidationException(parameter, "forward destination must be an http or https URL or "
					+ "one email address, was '" + value + "'");
		}
		return value;
	}

}
