package io.github.springmailgun.internal;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads one member of a response object into a type: most of Mailgun's answers wrap the resource, as
 * in {@code {"message": "...", "template": {...}}}.
 */
public final class ResponseFields {

	private ResponseFields() {
	}

	/**
	 * Reads the response as a tree.
	 * @param body the response body
	 * @return the JSON object
	 * @throws IllegalArgumentException when the body is not a JSON object
	 */
	public static JsonNode object(byte[] body) {
		JsonNode root = Json.mapper().readTree(body);
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException("not a JSON object");
		}
		return root;
	}

	/**
	 * Binds one required member of a response object.
	 * @param <T> the type
	 * @param body the response body
	 * @param name the member name
	 * @param type the type to bind it to
	 * @return the value
	 * @throws IllegalArgumentException when the member is missing or {@code null}
	 */
	public static <T> T read(byte[] body, String name, Class<T> type) {
		return read(object(body), name, type);
	}

	/**
	 * Binds one required member of a JSON object.
	 * @param <T> the type
	 * @param object the object
	 * @param name the member name
	 * @param type the type to bind it to
	 * @return the value
	 * @throws IllegalArgumentException when the member is missing or {@code null}
	 */
	public static <T> T read(JsonNode object, String name, Class<T> type) {
		JsonNode member = object.get(name);
		// A JSON null binds to null as well.
		T value = (member != null) ? Json.mapper().treeToValue(member, type) : null;
		if (value == null) {
			throw new IllegalArgumentException("no '" + name + "' in the response");
		}
		return value;
	}

	/**
	 * Returns a text member of a JSON object.
	 * @param object the object
	 * @param name the member name
	 * @return the text, or {@code null} when missing or not text
	 */
	public static @Nullable String text(JsonNode object, String name) {
		JsonNode member = object.get(name);
		return (member != null && member.isString()) ? member.asString() : null;
	}

}
