package io.github.springmailgun.message;

import io.github.springmailgun.error.MailgunValidationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns variable values into the JSON text Mailgun expects, and checks JSON given as text.
 */
final class JsonText {

	// Immutable and thread-safe once built: one per class loader is enough.
	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JsonText() {
	}

	static String write(String parameter, Object value) {
		try {
			return MAPPER.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new MailgunValidationException(parameter, "cannot be written as JSON: " + ex.getOriginalMessage());
		}
	}

	static String requireObject(String parameter, String json) {
		JsonNode node;
		try {
			node = MAPPER.readTree(json);
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
