package io.github.springmailgun.test;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Address lists as Mailgun reads {@code from}, {@code to}, {@code cc} and {@code bcc}: comma-separated
 * entries, each {@code local@domain} or {@code Display Name <local@domain>}, where commas inside quotes
 * or angle brackets do not separate. Written independently of the client's checks on purpose.
 */
final class Addresses {

	private Addresses() {
	}

	/** Splits a list into trimmed, non-empty entries. */
	static List<String> split(String value) {
		List<String> entries = new ArrayList<>();
		boolean quoted = false;
		int angle = 0;
		int start = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (quoted && c == '\\') {
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && c == '<') {
				angle++;
			}
			else if (!quoted && c == '>' && angle > 0) {
				angle--;
			}
			else if (!quoted && angle == 0 && c == ',') {
				add(entries, value.substring(start, i));
				start = i + 1;
			}
		}
		add(entries, value.substring(start));
		return entries;
	}

	/** Splits every value of a repeated parameter. */
	static List<String> splitAll(List<String> values) {
		List<String> entries = new ArrayList<>();
		for (String value : values) {
			entries.addAll(split(value));
		}
		return entries;
	}

	private static void add(List<String> entries, String entry) {
		String trimmed = entry.trim();
		if (!trimmed.isEmpty()) {
			entries.add(trimmed);
		}
	}

	/**
	 * Returns the bare address of an entry ({@code local@domain}), or {@code null} when the entry is not
	 * a valid address.
	 */
	static @Nullable String bareAddress(String entry) {
		String address = entry.trim();
		int open = address.lastIndexOf('<');
		if (open >= 0) {
			if (!address.endsWith(">") || !balancedQuotes(address.substring(0, open))) {
				return null;
			}
			address = address.substring(open + 1, address.length() - 1).trim();
		}
		else if (address.indexOf('>') >= 0 || address.indexOf(' ') >= 0) {
			return null;
		}
		int at = address.lastIndexOf('@');
		if (at <= 0 || at == address.length() - 1) {
			return null;
		}
		String local = address.substring(0, at);
		String domain = address.substring(at + 1);
		return (isLocalPart(local) && isDomain(domain)) ? address : null;
	}

	/** Returns whether every entry of the value is a valid address, and there is at least one. */
	static boolean isValidList(String value) {
		List<String> entries = split(value);
		if (entries.isEmpty()) {
			return false;
		}
		for (String entry : entries) {
			if (bareAddress(entry) == null) {
				return false;
			}
		}
		return true;
	}

	private static boolean balancedQuotes(String text) {
		int quotes = 0;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '\\') {
				i++;
			}
			else if (text.charAt(i) == '"') {
				quotes++;
			}
		}
		return quotes % 2 == 0;
	}

	private static boolean isLocalPart(String local) {
		if (local.length() > 64) {
			return false;
		}
		if (local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"")) {
			return true;
		}
		if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
			return false;
		}
		for (int i = 0; i < local.length(); i++) {
			char c = local.charAt(i);
			if (c <= ' ' || c == 127 || "<>()[]\\,;:@\"".indexOf(c) >= 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean isDomain(String domain) {
		if (domain.length() > 253) {
			return false;
		}
		String[] labels = domain.split("\\.", -1);
		if (labels.length < 2) {
			return false;
		}
		for (String label : labels) {
			if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
				return false;
			}
			for (int i = 0; i < label.length(); i++) {
				char c = label.charAt(i);
				if (!Character.isLetterOrDigit(c) && c != '-') {
					return false;
				}
			}
		}
		return true;
	}

}
