package io.github.springmailgun.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns variable values into the JSON text Mailgun expects, and checks JSON given as text.
 */
final class JsonText {

	/** Deeper structures, a map that contains itself among them, are left to Jackson. */
	private static final int MAX_PLAIN_DEPTH = 32;

	private JsonText() {
	}

	/**
	 * Writes a value as JSON. Plain data (see {@link #isPlain}) is written here, the same UTF-8 that
	 * Jackson writes: a 100,000-recipient batch spent about a third of its CPU in Jackson's generic map
	 * writer. Anything else goes to Jackson.
	 */
	static String write(String parameter, Object value) {
		if (!isPlain(value)) {
			return jackson(parameter, value);
		}
		// Sized for the recipient-variables of a 1,000-recipient request without regrowing.
		int capacity = (value instanceof Map<?, ?> map) ? Math.min(64 + 80 * map.size(), 1 << 20) : 64;
		Utf8Writer out = new Utf8Writer(capacity);
		appendChecked(out, value);
		return out.toText();
	}

	/**
	 * Writes a batch chunk's {@code recipient-variables}: each recipient's bare address and its
	 * variables, in order, straight from the recipients (no intermediate map). Every bare address must
	 * pass {@link #isPlainString} and every variables map {@link #isPlain}, checked once when the batch
	 * was built, so nothing is checked again here. Two recipients with the same address give the same key
	 * twice; JSON readers, Mailgun's (Go) among them, keep the last, as a map would have.
	 */
	static String recipientVariables(List<BatchRecipient> chunk) {
		Utf8Writer out = new Utf8Writer(chunk.size() * 80 + 2);
		out.ascii('{');
		boolean first = true;
		for (BatchRecipient recipient : chunk) {
			if (!first) {
				out.ascii(',');
			}
			first = false;
			out.quoted(recipient.bareAddress()).ascii(':');
			appendChecked(out, recipient.variables());
		}
		return out.ascii('}').toText();
	}

	/** Writes a value {@link #isPlain} accepted. */
	private static void appendChecked(Utf8Writer out, @Nullable Object value) {
		if (value == null) {
			out.text("null");
		}
		else if (value instanceof String text) {
			out.quoted(text);
		}
		else if (value instanceof Boolean bool) {
			out.text(bool ? "true" : "false");
		}
		else if (value instanceof Map<?, ?> map) {
			out.ascii('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!first) {
					out.ascii(',');
				}
				first = false;
				out.quoted((String) entry.getKey()).ascii(':');
				appendChecked(out, entry.getValue());
			}
			out.ascii('}');
		}
		else if (value instanceof List<?> list) {
			out.ascii('[');
			boolean first = true;
			for (Object element : list) {
				if (!first) {
					out.ascii(',');
				}
				first = false;
				appendChecked(out, element);
			}
			out.ascii(']');
		}
		else {
			out.number(((Number) value).longValue());
		}
	}

	/** A growable UTF-8 buffer for JSON text whose strings need no escaping. */
	private static final class Utf8Writer {

		private byte[] bytes;

		private int size;

		Utf8Writer(int capacity) {
			this.bytes = new byte[capacity];
		}

		Utf8Writer ascii(char c) {
			ensure(1);
			this.bytes[this.size++] = (byte) c;
			return this;
		}

		Utf8Writer quoted(String text) {
			return ascii('"').text(text).ascii('"');
		}

		Utf8Writer text(String text) {
			int length = text.length();
			ensure(length);
			for (int i = 0; i < length; i++) {
				char c = text.charAt(i);
				if (c >= 0x80) {
					byte[] rest = text.substring(i).getBytes(StandardCharsets.UTF_8);
					ensure(rest.length);
					System.arraycopy(rest, 0, this.bytes, this.size, rest.length);
					this.size += rest.length;
					return this;
				}
				this.bytes[this.size++] = (byte) c;
			}
			return this;
		}

		Utf8Writer number(long value) {
			if (value < 0 || value >= 1_000_000_000_000_000L) {
				return text(Long.toString(value));
			}
			// Digits straight into the buffer: no string per number.
			int digits = 1;
			for (long rest = value / 10; rest > 0; rest /= 10) {
				digits++;
			}
			ensure(digits);
			int end = this.size + digits;
			long rest = value;
			for (int i = end - 1; i >= this.size; i--) {
				this.bytes[i] = (byte) ('0' + (rest % 10));
				rest /= 10;
			}
			this.size = end;
			return this;
		}

		private void ensure(int extra) {
			if (this.size + extra > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.size + extra));
			}
		}

		String toText() {
			return new String(this.bytes, 0, this.size, StandardCharsets.UTF_8);
		}

	}

	/**
	 * Returns whether {@link #write} takes a value without Jackson, so writing it cannot fail.
	 */
	static boolean isPlain(@Nullable Object value) {
		return isPlain(value, 0);
	}

	private static boolean isPlain(@Nullable Object value, int depth) {
		if (value == null || value instanceof Boolean || isInteger(value)) {
			return true;
		}
		if (value instanceof String text) {
			return isPlainString(text);
		}
		if (depth >= MAX_PLAIN_DEPTH) {
			return false;
		}
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!(entry.getKey() instanceof String key) || !isPlainString(key)
						|| !isPlain(entry.getValue(), depth + 1)) {
					return false;
				}
			}
			return true;
		}
		if (value instanceof List<?> list) {
			for (Object element : list) {
				if (!isPlain(element, depth + 1)) {
					return false;
				}
			}
			return true;
		}
		return false;
	}

	private static boolean isInteger(Object value) {
		return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
	}

	/** Whether a string needs no escaping in JSON (no quote, backslash or control character). */
	static boolean isPlainString(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c == '"' || c == '\\') {
				return false;
			}
		}
		return true;
	}

	private static String jackson(String parameter, Object value) {
		try {
			return Json.mapper().writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new MailgunValidationException(parameter, "cannot be written as JSON: " + ex.getOriginalMessage());
		}
	}

	static String requireObject(String parameter, String json) {
		JsonNode node;
		try {
			node = Json.mapper().readTree(json);
		}
		catch (JacksonException ex) {
			throw new MailgunValidationException(parameter, "must be a JSON object: " + ex.getOriginalMessage());
		}
		if (node == null || !node.isObject()) {
			throw new MailgunValidationException(parameter, "must be a JSON object");
		}
		return json;
	}

}
