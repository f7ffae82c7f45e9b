package io.github.springmailgun.message;

import java.util.List;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns variable values into the JSON text Mailgun expects, and checks JSON given as text.
 */
final class JsonText {

	private static final int MAX_PLAIN_DEPTH = 32;

	private JsonText() {
	}

	/**
	 * Writes a value as JSON. Plain data (see {@link #isPlain}) is written here, the same text that
	 * Jackson writes: a 100,000-recipient batch spent about a third of its CPU in Jackson's generic map
	 * writer. Anything else goes to Jackson.
	 */
	static String write(String parameter, Object value) {
		// Sized for the recipient-variables of a 1,000-recipient request without regrowing.
		StringBuilder out = new StringBuilder((value instanceof Map<?, ?> map) ? Math.min(64 + 80 * map.size(), 1 << 20) : 64);
		return appendPlain(out, value, 0) ? out.toString() : jackson(parameter, value);
	}

	/**
	 * Writes a batch chunk's {@code recipient-variables}: each recipient's bare address and its
	 * variables, in order, straight from the recipients (no intermediate map), checking and writing in
	 * one pass. Two recipients with the same address give the same key twice; JSON readers, Mailgun's
	 * (Go) among them, keep the last, as a map would have.
	 * @return the JSON object, or {@code null} when a variable is not plain and needs Jackson
	 */
	static @Nullable String recipientVariables(List<BatchRecipient> chunk) {
		// A StringBuilder of Latin-1 text is a byte array that appends strings and numbers in bulk.
		StringBuilder out = new StringBuilder(chunk.size() * 80 + 2).append('{');
		for (BatchRecipient recipient : chunk) {
			if (out.length() > 1) {
				out.append(',');
			}
			if (!appendPlain(out, recipient.bareAddress(), 0) || !appendPlain(out.append(':'), recipient.variables(), 0)) {
				return null;
			}
		}
		return out.append('}').toString();
	}

	/**
	 * Returns whether {@link #write} takes a value without Jackson: strings without characters to
	 * escape, integers, booleans, {@code null}, and lists and string-keyed maps of them, so writing it
	 * cannot fail.
	 */
	static boolean isPlain(@Nullable Object value) {
		return appendPlain(new StringBuilder(), value, 0);
	}

	/** Writes plain data; returns {@code false}, leaving {@code out} partly written, at anything else. */
	private static boolean appendPlain(StringBuilder out, @Nullable Object value, int depth) {
		if (value == null || value instanceof Boolean) {
			out.append(value);
			return true;
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			out.append(((Number) value).longValue());
			return true;
		}
		if (value instanceof String text) {
			out.append('"').append(text).append('"');
			return isPlainString(text);
		}
		if (depth >= MAX_PLAIN_DEPTH) {
			// Deeper structures, a map that contains itself among them, are left to Jackson.
			return false;
		}
		if (value instanceof Map<?, ?> map) {
			out.append('{');
			String separator = "";
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!(entry.getKey() instanceof String key) || !appendPlain(out.append(separator), key, depth)
						|| !appendPlain(out.append(':'), entry.getValue(), depth + 1)) {
					return false;
				}
				separator = ",";
			}
			out.append('}');
			return true;
		}
		if (value instanceof List<?> list) {
			out.append('[');
			String separator = "";
			for (Object element : list) {
				if (!appendPlain(out.append(separator), element, depth + 1)) {
					return false;
				}
				separator = ",";
			}
			out.append(']');
			return true;
		}
		return false;
	}

	/** Whether a string needs no escaping in JSON (no quote, backslash or control character). */
	private static boolean isPlainString(String text) {
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
		try {
			if (Json.mapper().readTree(json) instanceof ObjectNode) {
				return json;
			}
		}
		catch (JacksonException ex) {
			throw new MailgunValidationException(parameter, "must be a JSON object: " + ex.getOriginalMessage());
		}
		throw new MailgunValidationException(parameter, "must be a JSON object");
	}

}
