package io.github.springmailgun.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper the client reads Mailgun's responses with, independent of any application codec
 * configuration.
 */
public final class Json {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	// Immutable and thread-safe: shared by every client in the class loader. Unknown fields are ignored
	// here, once, rather than on each response type: Mailgun adds fields without notice. So are a missing
	// or null counter or flag (0, false): Mailgun leaves out what does not apply, and jackson-databind
	// before 3.2 reads an absent primitive as null (databind issue 5734), failing the whole answer.
	// Where absence must stay visible, the model uses a boxed type.
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private Json() {
	}

	/**
	 * Returns the shared mapper.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * Reads a JSON object into maps and lists.
	 * @param bytes the JSON
	 * @return the object
	 * @throws JacksonException when the bytes are not a JSON object
	 */
	public static Map<String, Object> readMap(byte[] bytes) {
		return MAPPER.readValue(bytes, MAP);
	}

	/**
	 * Reads a response body into a type.
	 * @param <T> the type
	 * @param body the JSON
	 * @param type the type to bind
	 * @return the value
	 * @throws IllegalArgumentException when the body is empty or {@code null}
	 */
	public static <T> T read(byte[] body, Class<T> type) {
		T value = MAPPER.readValue(body, type);
		if (value == null) {
			throw new IllegalArgumentException("no " + type.getSimpleName() + " in the response");
		}
		return value;
	}

	/**
	 * Copies a JSON object into unmodifiable maps and lists, all the way down, leaving out members that are
	 * JSON {@code null}: the form in which events and webhook bodies expose every field they carry.
	 * @param json a JSON tree, or an object already read into maps and lists
	 * @return the members, empty when the value is not a JSON object
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> immutableObject(@Nullable Object json) {
		JsonNode node = (json instanceof JsonNode tree) ? tree : MAPPER.valueToTree(json);
		Object copy = (node != null && node.isObject()) ? immutable(node) : null;
		return (copy instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	/**
	 * Returns a JSON string, number or boolean as text, for fields that Mailgun documents as text but a
	 * sender may write otherwise.
	 * @param value the value
	 * @return the text, or {@code null} for {@code null}, a missing value, an object or an array
	 */
	public static @Nullable String scalar(JsonNode value) {
		if (value.isString()) {
			return value.asString();
		}
		// BigDecimal.toString, not the plain form: 1e9999999 would become ten million digits.
		if (value.isNumber()) {
			return String.valueOf(value.numberValue());
		}
		return value.isBoolean() ? String.valueOf(value.booleanValue()) : null;
	}

	private static @Nullable Object immutable(JsonNode node) {
		if (node.isObject()) {
			Map<String, Object> map = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> member : node.properties()) {
				Object value = immutable(member.getValue());
				if (value != null) {
					map.put(member.getKey(), value);
				}
			}
			return Collections.unmodifiableMap(map);
		}
		if (node.isArray()) {
			List<@Nullable Object> list = new ArrayList<>(node.size());
			for (JsonNode item : node) {
				list.add(immutable(item));
			}
			return Collections.unmodifiableList(list);
		}
		if (node.isNumber()) {
			return node.numberValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return node.isString() ? node.asString() : null;
	}

	/**
	 * Writes a value as JSON bytes.
	 * @param value the value
	 * @return the JSON
	 */
	public static byte[] write(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

}
