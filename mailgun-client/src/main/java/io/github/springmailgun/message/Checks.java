package io.github.springmailgun.message;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

/**
 * The shape rules Mailgun applies to single values, checked before a request is built.
 */
final class Checks {

	private Checks() {
	}

	static <T> T requireValue(String parameter, @Nullable T value) {
		if (value == null) {
			throw new MailgunValidationException(parameter, "must not be null");
		}
		return value;
	}

	/** A value that must follow a rule; the message names the rule and shows the value. */
	static <T> T require(String parameter, @Nullable T value, Predicate<T> valid, String rule) {
		if (value == null || !valid.test(value)) {
			throw new MailgunValidationException(parameter,
					"must be " + rule + ", was '" + printable(String.valueOf(value)) + "'");
		}
		return value;
	}

	static String requireText(String parameter, @Nullable String value) {
		String text = requireValue(parameter, value);
		if (text.isBlank()) {
			throw new MailgunValidationException(parameter, "must not be blank");
		}
		return text;
	}

	/** Values that end up in a header line must not carry line breaks (header injection). */
	static String requireSingleLine(String parameter, @Nullable String value) {
		String text = requireValue(parameter, value);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\r' || c == '\n' || c == '\0') {
				throw new MailgunValidationException(parameter,
						"must not contain CR, LF or NUL characters (they would inject header lines)");
			}
		}
		return text;
	}

	/** A value on one line that is not blank: a name or an id. */
	static String requireLine(String parameter, @Nullable String value) {
		return requireSingleLine(parameter, requireText(parameter, value));
	}

	/**
	 * A header or variable name: an HTTP token (letters, digits and {@code !#$%&'*+-.^_`|~}), which is
	 * also a valid mail header name and survives form encoding unchanged.
	 */
	static String requireName(String parameter, @Nullable String value) {
		return requireNameChars(parameter, value, c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
				|| (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0,
				"must be letters, digits and !#$%&'*+-.^_`|~ only (no spaces, quotes or ':')");
	}

	/** A raw form parameter name: printable ASCII without spaces or quotes (colons are fine: {@code o:x}). */
	static String requireParameterName(String parameter, @Nullable String value) {
		return requireNameChars(parameter, value, c -> c > 32 && c < 127 && c != '"',
				"must be printable ASCII without spaces or quotes");
	}

	private static String requireNameChars(String parameter, @Nullable String value, IntPredicate allowed, String rule) {
		String name = requireText(parameter, value);
		for (int i = 0; i < name.length(); i++) {
			// A loop, not a stream: every header and variable name of a message passes here.
			if (!allowed.test(name.charAt(i))) {
				throw new MailgunValidationException(parameter, "name '" + printable(name) + "' " + rule);
			}
		}
		return name;
	}

	/**
	 * Checks a recipient or sender list as Mailgun accepts it: one or more comma-separated addresses,
	 * each {@code local@domain.tld}, optionally with a display name ({@code Name <local@domain.tld>}).
	 * @return the number of addresses
	 */
	static int requireAddresses(String parameter, @Nullable String value) {
		List<String> entries = splitAddressList(requireSingleLine(parameter, value));
		if (entries.isEmpty()) {
			throw new MailgunValidationException(parameter, "must contain an email address");
		}
		for (String entry : entries) {
			requireAddress(parameter, entry);
		}
		return entries.size();
	}

	/** A sender, or a batch recipient: one address, optionally with a display name. */
	static String requireSingleAddress(String parameter, @Nullable String value) {
		int count = requireAddresses(parameter, value);
		if (count != 1) {
			throw new MailgunValidationException(parameter, "must be a single address, was " + count);
		}
		return requireValue(parameter, value);
	}

	static List<String> splitAddressList(String value) {
		List<String> entries = new ArrayList<>();
		boolean quoted = false;
		int angle = 0;
		int start = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && quoted) {
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && c == '<') {
				angle++;
			}
			else if (!quoted && c == '>') {
				angle = Math.max(0, angle - 1);
			}
			else if (!quoted && angle == 0 && c == ',') {
				addEntry(entries, value.substring(start, i));
				start = i + 1;
			}
		}
		addEntry(entries, value.substring(start));
		return entries;
	}

	private static void addEntry(List<String> entries, String entry) {
		String trimmed = entry.trim();
		if (!trimmed.isEmpty()) {
			entries.add(trimmed);
		}
	}

	private static void requireAddress(String parameter, String entry) {
		String address = entry;
		int open = entry.lastIndexOf('<');
		if (open >= 0) {
			if (!entry.endsWith(">")) {
				throw invalidAddress(parameter, entry, "an address in <...> must end the entry");
			}
			address = entry.substring(open + 1, entry.length() - 1).trim();
			String displayName = entry.substring(0, open).trim();
			if (displayName.chars().filter(c -> c == '"').count() % 2 != 0) {
				throw invalidAddress(parameter, entry, "the display name has an unbalanced quote");
			}
		}
		else if (entry.indexOf('>') >= 0) {
			throw invalidAddress(parameter, entry, "'>' without '<'");
		}
		int at = address.lastIndexOf('@');
		if (at <= 0 || at == address.length() - 1) {
			throw invalidAddress(parameter, entry, "expected local-part@domain");
		}
		String local = address.substring(0, at);
		String domain = address.substring(at + 1);
		if (local.length() > 64) {
			throw invalidAddress(parameter, entry, "the local part is longer than 64 characters");
		}
		if (!local.startsWith("\"")) {
			for (int i = 0; i < local.length(); i++) {
				char c = local.charAt(i);
				if (c <= 32 || c == 127 || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';'
						|| c == ':' || c == '@' || c == '[' || c == ']' || c == '\\' || c == '"') {
					throw invalidAddress(parameter, entry, "the local part has a character not allowed unquoted");
				}
			}
			if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
				throw invalidAddress(parameter, entry, "the local part has a misplaced '.'");
			}
		}
		requireDomain(parameter, entry, domain);
	}

	private static void requireDomain(String parameter, String entry, String domain) {
		if (domain.length() > 253) {
			throw invalidAddress(parameter, entry, "the domain is longer than 253 characters");
		}
		String[] labels = domain.split("\\.", -1);
		if (labels.length < 2) {
			throw invalidAddress(parameter, entry, "the domain needs at least one dot");
		}
		for (String label : labels) {
			if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
				throw invalidAddress(parameter, entry, "the domain has an empty, too long or hyphen-edged label");
			}
			for (int i = 0; i < label.length(); i++) {
				char c = label.charAt(i);
				if (!(Character.isLetterOrDigit(c) || c == '-')) {
					throw invalidAddress(parameter, entry, "the domain has a character other than letters, digits, '-' and '.'");
				}
			}
		}
	}

	private static MailgunValidationException invalidAddress(String parameter, String entry, String why) {
		return new MailgunValidationException(parameter,
				"'" + printable(entry) + "' is not a valid email address (" + why + ")");
	}

	/** Shortens and escapes a value for an error message. */
	static String printable(String value) {
		String shown = (value.length() > 80) ? value.substring(0, 77) + "..." : value;
		return shown.chars()
			.mapToObj((c) -> (c < 32 || c == 127) ? String.format("\\u%04x", c) : String.valueOf((char) c))
			.collect(Collectors.joining());
	}

}
