package io.github.springmailgun.inbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Decodes RFC 2047 encoded words ({@code =?UTF-8?B?...?=}, {@code =?iso-8859-1?Q?...?=}) in a header value.
 * Lenient as mail readers are: words need not be separated from text by whitespace, the whitespace between
 * two words is dropped, the bytes of adjacent words in one charset are joined before decoding (mailers split
 * a character across words), and a word in an unknown charset or that does not decode is left as it was.
 */
final class EncodedWords {

	// charset, optionally with an RFC 2231 language suffix (*en), encoding, text.
	private static final Pattern WORD = Pattern.compile("=\\?([^?*\\s]+)(?:\\*[^?\\s]*)?\\?([BbQq])\\?([^?\\s]*)\\?=");

	private EncodedWords() {
	}

	/**
	 * Returns the value with its encoded words decoded.
	 * @param value the header value as written
	 * @return the decoded value
	 */
	static String decode(String value) {
		if (!value.contains("=?")) {
			return value;
		}
		StringBuilder decoded = new StringBuilder(value.length());
		Matcher word = WORD.matcher(value);
		ByteArrayOutputStream pending = new ByteArrayOutputStream();
		Charset pendingCharset = null;
		int end = 0;
		while (word.find()) {
			String between = value.substring(end, word.start());
			Charset charset = charset(word.group(1));
			byte[] bytes = (charset != null) ? bytes(word.group(2), word.group(3)) : null;
			boolean adjacent = pendingCharset != null && between.isBlank();
			if (charset == null || bytes == null || !adjacent || !charset.equals(pendingCharset)) {
				flush(decoded, pending, pendingCharset);
				pendingCharset = null;
				if (!adjacent || bytes == null) {
					decoded.append(between);
				}
			}
			if (bytes == null) {
				decoded.append(word.group());
			}
			else {
				pending.writeBytes(bytes);
				pendingCharset = charset;
			}
			end = word.end();
		}
		flush(decoded, pending, pendingCharset);
		return decoded.append(value, end, value.length()).toString();
	}

	private static void flush(StringBuilder decoded, ByteArrayOutputStream pending, @Nullable Charset charset) {
		if (charset != null) {
			decoded.append(new String(pending.toByteArray(), charset));
		}
		pending.reset();
	}

	private static @Nullable Charset charset(String name) {
		try {
			return Charset.forName(name);
		}
		catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
			return null;
		}
	}

	private static byte @Nullable [] bytes(String encoding, String text) {
		try {
			return encoding.equalsIgnoreCase("B") ? Base64.getDecoder().decode(text) : quoted(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The Q encoding: quoted-printable where {@code _} is a space (RFC 2047, 4.2). */
	private static byte[] quoted(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '=') {
				if (i + 2 >= text.length()) {
					throw new IllegalArgumentException("truncated escape");
				}
				bytes.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
				i += 2;
			}
			else if (c > 0x7e) {
				throw new IllegalArgumentException("not ASCII");
			}
			else {
				bytes.write((c == '_') ? ' ' : c);
			}
		}
		return bytes.toByteArray();
	}

}
