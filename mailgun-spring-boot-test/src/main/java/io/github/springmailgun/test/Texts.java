package io.github.springmailgun.test;

/**
 * Small text helpers for error messages.
 */
final class Texts {

	private Texts() {
	}

	/** Shortens a value for an error message and makes control characters visible. */
	static String abbreviate(String value) {
		String shown = (value.length() > 80) ? value.substring(0, 77) + "..." : value;
		StringBuilder out = new StringBuilder(shown.length());
		for (int i = 0; i < shown.length(); i++) {
			char c = shown.charAt(i);
			if (c < 32 || c == 127) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
