package io.github.springmailgun.test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The top-level header block of a MIME message sent to {@code messages.mime}, unfolded and with RFC 2047
 * encoded words decoded, so tests can assert on {@code Subject} and {@code From} without a MIME library.
 * Bodies are not parsed: the raw MIME is kept as sent.
 *
 * @param headers the headers in order
 */
record MimeHeaders(List<MockHeader> headers) {

	private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");

	private static final Pattern BETWEEN_ENCODED_WORDS = Pattern.compile("(\\?=)\\s+(=\\?)");

	MimeHeaders {
		headers = List.copyOf(headers);
	}

	static MimeHeaders parse(byte[] mime) {
		List<MockHeader> headers = new ArrayList<>();
		int start = 0;
		String current = null;
		while (start < mime.length) {
			int end = start;
			while (end < mime.length && mime[end] != '\n') {
				end++;
			}
			int lineEnd = (end > start && mime[end - 1] == '\r') ? end - 1 : end;
			String line = new String(mime, start, lineEnd - start, StandardCharsets.UTF_8);
			start = end + 1;
			if (line.isEmpty()) {
				break;
			}
			if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
				current = current + " " + line.trim();
				continue;
			}
			add(headers, current);
			current = line;
		}
		add(headers, current);
		return new MimeHeaders(headers);
	}

	private static void add(List<MockHeader> headers, @Nullable String line) {
		if (line == null) {
			return;
		}
		int colon = line.indexOf(':');
		if (colon > 0) {
			headers.add(new MockHeader(line.substring(0, colon).trim(), decode(line.substring(colon + 1).trim())));
		}
	}

	@Nullable String get(String name) {
		for (MockHeader header : this.headers) {
			if (header.name().equalsIgnoreCase(name)) {
				return header.value();
			}
		}
		return null;
	}

	/** Decodes RFC 2047 encoded words; malformed words are left as they are. */
	static String decode(String value) {
		if (!value.contains("=?")) {
			return value;
		}
		// Whitespace between two adjacent encoded words is not part of the text (RFC 2047, 6.2).
		String joined = BETWEEN_ENCODED_WORDS.matcher(value).replaceAll("$1$2");
		Matcher matcher = ENCODED_WORD.matcher(joined);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String decoded = decodeWord(matcher.group(1), matcher.group(2), matcher.group(3));
			matcher.appendReplacement(out, Matcher.quoteReplacement((decoded != null) ? decoded : matcher.group()));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private static @Nullable String decodeWord(String charsetName, String encoding, String text) {
		Charset charset;
		try {
			int star = charsetName.indexOf('*');
			charset = Charset.forName((star >= 0) ? charsetName.substring(0, star) : charsetName);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (encoding.equalsIgnoreCase("B")) {
			try {
				return new String(Base64.getMimeDecoder().decode(text), charset);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		byte[] out = new byte[text.length()];
		int size = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '_') {
				out[size++] = ' ';
			}
			else if (c == '=' && i + 2 < text.length()) {
				int high = Character.digit(text.charAt(i + 1), 16);
				int low = Character.digit(text.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					return null;
				}
				out[size++] = (byte) ((high << 4) | low);
				i += 2;
			}
			else {
				out[size++] = (byte) c;
			}
		}
		return new String(out, 0, size, charset);
	}

}
