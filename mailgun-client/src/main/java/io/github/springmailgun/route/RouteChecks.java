package io.github.springmailgun.route;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

/**
 * The rules for values written into route expressions and actions, checked before any request.
 */
final class RouteChecks {

	/** Mailgun's documented limit for a filter or an action: 4k. */
	static final int MAX_LENGTH = 4096;

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
		int bytes = value.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_LENGTH) {
			throw new MailgunValidationException(parameter, what + " must be at most " + MAX_LENGTH
					+ " bytes (Mailgun's 4k limit for a filter or an action), was " + bytes);
		}
		return value;
	}

	/**
	 * Checks a URL Mailgun posts to: {@code http://} or {@code https://} and a host. It is not parsed
	 * further: Mailgun fills in captures of the filter ({@code \1}, {@code \g<user>}) before using it, and
	 * those are not valid in a URL.
	 * @param parameter the parameter, for the error
	 * @param what the value, for the error
	 * @param value the value
	 * @return the value
	 */
	static String requireHttpUrl(String parameter, String what, String value) {
		String lower = value.toLowerCase(Locale.ROOT);
		int scheme = lower.startsWith("https://") ? 8 : lower.startsWith("http://") ? 7 : -1;
		if (scheme < 0 || value.length() == scheme || value.charAt(scheme) == '/'
				|| value.chars().anyMatch(Character::isWhitespace)) {
			throw new MailgunValidationException(parameter, what + " must be an absolute http or https URL, was '"
					+ value + "'");
		}
		return value;
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
