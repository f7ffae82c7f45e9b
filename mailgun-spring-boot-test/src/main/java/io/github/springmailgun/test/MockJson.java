package io.github.springmailgun.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for the mock's answers and for the JSON-valued parameters it reads.
 */
final class MockJson {

	private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
	};

	// Immutable once built and thread-safe: shared by every mock in the class loader.
	private static final TypeReference<ArrayList<Object>> ARRAY = new TypeReference<>() {
	};

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private MockJson() {
	}

	static byte[] write(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	/** Mailgun's error body: {@code {"message": "..."}}. */
	static byte[] message(String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", message);
		return write(body);
	}

	/** Reads a JSON object, or returns {@code null} when the text is not one. */
	static @Nullable Map<String, Object> readObject(String json) {
		try {
			return MAPPER.readValue(json, OBJECT);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** Reads a JSON array, or returns {@code null} when the text is not one. */
	static @Nullable List<Object> readArray(String json) {
		try {
			return MAPPER.readValue(json, ARRAY);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
