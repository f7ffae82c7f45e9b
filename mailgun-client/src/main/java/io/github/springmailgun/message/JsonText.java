package io.github.springmailgun.message;

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
	 * Writes a value as JSON. Plain data (see {@link #isPlain}) is written here, the same text that
	 * Jackson writes: a 100,000-recipient batch spent about a third of its CPU in Jackson's generic map
	 * writer. Anything else goes to Jackson.
	 */
	static String write(String parameter, Object value) {
		if (!isPlain(value)) {
			return jackson(parameter, value);
		}
		// Sized for the recipient-variables of a 1,000-recipient request without regrowing.
		int capacity = (value instanceof Map<?, ?> map) ? Math.min(64 + 80 * map.size(), 1 << 20) : 64;
		StringBuilder out = new StringBuilder(capacity);
		appendChecked(out, value);
		return out.toString();
	}

	/**
	 * Writes a batch chunk's {@code recipient-variables}: each recipient's bare address and its
	 * variables, in order, straight from the recipients (no intermediate map). Every bare address must
	 * pass {@link #isPlainString} and every variables map {@link #isPlain}, checked once when the batch
	 * was built, so nothing is checked again here. Two recipients with the same address give the same key
	 * twice; JSON readers, Mailgun's (Go) among them, keep the last, as a map would have.
	 */
	static String recipientVariables(List<BatchRecipient> chunk) {
		// A StringBuilder of Latin-1 text is a byte array that appends strings and numbers in bulk.
		StringBuilder out = new StringBuilder(chunk.size() * 80 + 2).append('{');
		for (BatchRecipient recipient : chunk) {
			if (out.length() > 1) {
				out.append(',');
			}
			out.append('"').append(recipient.bareAddress()).append("\":");
			appendChecked(out, recipient.variables());
		}
		return out.append('}').toString();
	}

	/** Writes a value {@link #isPlain} accepted: its strings need no escaping. */
	private static void appendChecked(StringBuilder out, @Nullable Object value) {
		if (value instanceof String text) {
			out.append('"').append(text).append('"');
		}
		else if (value instanceof Map<?, ?> map) {
			out.append('{');
			String separator = "";
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				out.append(separator).append('"').append((String) entry.getKey()).append("\":");
				appendChecked(out, entry.getValue());
				separator = ",";
			}
			out.append('}');
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			String separator = "";
			for (Object element : list) {
				out.append(separator);
				appendChecked(out, element);
				separator = ",";
			}
			out.append(']');
		}
		else if (value instanceof Number number) {
			out.append(number.longValue());
		}
		else {
			// null or a Boolean
			out.append(value);
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
