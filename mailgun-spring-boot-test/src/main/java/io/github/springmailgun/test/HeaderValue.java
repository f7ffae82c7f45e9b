package io.github.springmailgun.test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A header value with parameters, such as {@code multipart/form-data; boundary=abc} or
 * {@code form-data; name="to"; filename="a.txt"}. Parameter names are lower case; quoted values are
 * unescaped, and an RFC 5987 {@code name*=UTF-8''...} value wins over the plain one.
 *
 * @param value the part before the first {@code ;}, trimmed
 * @param parameters the parameters, by lower-case name
 */
record HeaderValue(String value, Map<String, String> parameters) {

	HeaderValue {
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	static HeaderValue parse(String header) {
		int semicolon = indexOfUnquoted(header, ';', 0);
		String value = ((semicolon < 0) ? header : header.substring(0, semicolon)).trim();
		Map<String, String> parameters = new LinkedHashMap<>();
		Map<String, String> extended = new LinkedHashMap<>();
		int index = (semicolon < 0) ? header.length() : semicolon + 1;
		while (index < header.length()) {
			int equals = header.indexOf('=', index);
			int end = indexOfUnquoted(header, ';', index);
			if (equals < 0 || (end >= 0 && end < equals)) {
				// A parameter without a value: skip it, as lenient parsers do.
				index = (end < 0) ? header.length() : end + 1;
				continue;
			}
			String name = header.substring(index, equals).trim().toLowerCase(Locale.ROOT);
			int valueStart = skipSpaces(header, equals + 1);
			String parameterValue;
			if (valueStart < header.length() && header.charAt(valueStart) == '"') {
				StringBuilder unquoted = new StringBuilder();
				int i = valueStart + 1;
				while (i < header.length() && header.charAt(i) != '"') {
					char c = header.charAt(i);
					if (c == '\\' && i + 1 < header.length()) {
						c = header.charAt(++i);
					}
					unquoted.append(c);
					i++;
				}
				parameterValue = unquoted.toString();
				end = indexOfUnquoted(header, ';', Math.min(i + 1, header.length()));
			}
			else {
				parameterValue = ((end < 0) ? header.substring(valueStart) : header.substring(valueStart, end)).trim();
			}
			if (name.endsWith("*")) {
				String decoded = decodeExtended(parameterValue);
				if (decoded != null) {
					extended.put(name.substring(0, name.length() - 1), decoded);
				}
			}
			else if (!name.isEmpty()) {
				parameters.putIfAbsent(name, parameterValue);
			}
			index = (end < 0) ? header.length() : end + 1;
		}
		parameters.putAll(extended);
		return new HeaderValue(value, parameters);
	}

	@Nullable String parameter(String name) {
		return this.parameters.get(name);
	}

	/** Returns the {@code charset} parameter, or the given default when absent or unknown. */
	Charset charset(Charset defaultCharset) {
		String name = this.parameters.get("charset");
		if (name == null) {
			return defaultCharset;
		}
		try {
			return Charset.forName(name.trim());
		}
		catch (IllegalArgumentException ex) {
			return defaultCharset;
		}
	}

	boolean isType(String type) {
		return this.value.equalsIgnoreCase(type);
	}

	/** Decodes RFC 5987 {@code charset'language'percent-encoded}; {@code null} when malformed. */
	private static @Nullable String decodeExtended(String value) {
		int first = value.indexOf('\'');
		int second = (first < 0) ? -1 : value.indexOf('\'', first + 1);
		if (second < 0) {
			return null;
		}
		Charset charset;
		try {
			charset = Charset.forName(value.substring(0, first));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		byte[] bytes = PercentDecoding.decode(value.substring(second + 1), false);
		return (bytes != null) ? new String(bytes, charset) : null;
	}

	private static int skipSpaces(String text, int from) {
		int i = from;
		while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
			i++;
		}
		return i;
	}

	private static int indexOfUnquoted(String text, char wanted, int from) {
		boolean quoted = false;
		for (int i = from; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted && c == '\\') {
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && c == wanted) {
				return i;
			}
		}
		return -1;
	}

	/** Percent-decoding shared by header parameters, form bodies and URL paths. */
	static final class PercentDecoding {

		private PercentDecoding() {
		}

		/**
		 * Decodes {@code %XX} escapes (and {@code +} as a space when asked) into bytes.
		 * @return the bytes, or {@code null} when an escape is malformed
		 */
		static byte @Nullable [] decode(String text, boolean plusIsSpace) {
			byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
			byte[] out = new byte[utf8.length];
			int size = 0;
			for (int i = 0; i < utf8.length; i++) {
				byte b = utf8[i];
				if (b == '%') {
					if (i + 2 >= utf8.length) {
						return null;
					}
					int high = Character.digit(utf8[i + 1], 16);
					int low = Character.digit(utf8[i + 2], 16);
					if (high < 0 || low < 0) {
						return null;
					}
					out[size++] = (byte) ((high << 4) | low);
					i += 2;
				}
				else if (b == '+' && plusIsSpace) {
					out[size++] = ' ';
				}
				else {
					out[size++] = b;
				}
			}
			return java.util.Arrays.copyOf(out, size);
		}

	}

}
