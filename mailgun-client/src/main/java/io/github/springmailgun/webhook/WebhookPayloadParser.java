package io.github.springmailgun.webhook;

import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.springmailgun.webhook.WebhookVerificationException.Reason;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Mailgun webhook requests: JSON bodies ({@code signature} and {@code event-data}) into a
 * {@link WebhookPayload}, and legacy form-encoded ones into a {@link LegacyWebhook}. Unknown fields and
 * unknown event types are kept. Parsing does not verify anything: pass the signature to a
 * {@link WebhookSignatureVerifier}.
 *
 * <p>
 * The caller bounds the body size; Jackson's default limits refuse absurdly nested or long input. Every
 * failure is a {@link WebhookVerificationException} with reason
 * {@link WebhookVerificationException.Reason#MALFORMED MALFORMED}. Thread-safe.
 */
public final class WebhookPayloadParser {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final int MAX_DETAIL_LENGTH = 200;

	// Immutable and thread-safe. BigDecimal keeps the microseconds of event timestamps exact; a repeated
	// key (two "signature" members, say) makes a body ambiguous, so it is refused.
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	/**
	 * Creates a parser.
	 */
	public WebhookPayloadParser() {
	}

	/**
	 * Reads a JSON webhook body.
	 * @param json the body as UTF-8 bytes
	 * @return the payload
	 * @throws WebhookVerificationException when the body is not a Mailgun JSON webhook
	 */
	public WebhookPayload parse(byte[] json) {
		Objects.requireNonNull(json, "json");
		return parse(new String(json, StandardCharsets.UTF_8));
	}

	/**
	 * Reads a JSON webhook body.
	 * @param json the body
	 * @return the payload
	 * @throws WebhookVerificationException when the body is not a Mailgun JSON webhook
	 */
	public WebhookPayload parse(String json) {
		Objects.requireNonNull(json, "json");
		Map<String, Object> body = readObject(json);
		WebhookSignature signature = signature(body);
		if (!(body.get("event-data") instanceof Map<?, ?> eventData)) {
			throw malformed("Mailgun webhook body has no event-data object", null);
		}
		return new WebhookPayload(signature, parseEvent(eventData), body, json);
	}

	/**
	 * Reads an event from an {@code event-data} object already parsed into maps and lists (the items of
	 * the Events API have the same shape).
	 * @param eventData the parsed event-data object
	 * @return the event, an {@link UnknownEvent} when its type is not modelled
	 * @throws WebhookVerificationException when the object has no {@code event} name
	 */
	public MailgunEvent parseEvent(Map<?, ?> eventData) {
		Objects.requireNonNull(eventData, "eventData");
		EventData data;
		try {
			data = EventData.fromJson(eventData);
		}
		catch (IllegalArgumentException ex) {
			throw malformed("Mailgun webhook event-data has no event name", ex);
		}
		return switch (data.type()) {
			case ACCEPTED -> new AcceptedEvent(data);
			case REJECTED -> {
				Map<?, ?> reject = JsonValues.object(eventData, "reject");
				yield new RejectedEvent(data, JsonValues.text(reject, "reason"), JsonValues.text(reject, "description"));
			}
			case DELIVERED -> new DeliveredEvent(data, deliveryStatus(eventData));
			case FAILED -> new FailedEvent(data, FailureSeverity.of(JsonValues.text(eventData, "severity")),
					JsonValues.text(eventData, "reason"), deliveryStatus(eventData));
			case OPENED -> new OpenedEvent(data);
			case CLICKED -> new ClickedEvent(data, JsonValues.text(eventData, "url"));
			case UNSUBSCRIBED -> new UnsubscribedEvent(data);
			case COMPLAINED -> new ComplainedEvent(data);
			case STORED -> new StoredEvent(data);
			case UNKNOWN -> new UnknownEvent(data);
		};
	}

	/**
	 * Reads a legacy {@code application/x-www-form-urlencoded} webhook body.
	 * @param body the body
	 * @return the webhook
	 * @throws WebhookVerificationException when the body is not form-encoded or lacks a signature field
	 */
	public LegacyWebhook parseLegacyForm(String body) {
		Objects.requireNonNull(body, "body");
		Map<String, List<String>> fields = new LinkedHashMap<>();
		for (String pair : body.split("&", -1)) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals >= 0) ? pair.substring(0, equals) : pair);
			String value = (equals >= 0) ? decode(pair.substring(equals + 1)) : "";
			fields.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return parseLegacyForm(fields);
	}

	/**
	 * Reads a legacy webhook from form fields already decoded (a multipart body, a servlet request's
	 * parameter map).
	 * @param fields the form fields with their values
	 * @return the webhook
	 * @throws WebhookVerificationException when a signature field is missing or repeated with different
	 * values
	 */
	public LegacyWebhook parseLegacyForm(Map<String, ? extends List<String>> fields) {
		Objects.requireNonNull(fields, "fields");
		Map<String, List<String>> copy = new LinkedHashMap<>();
		fields.forEach((name, values) -> {
			if (name != null) {
				copy.put(name, (values != null) ? values.stream().filter(Objects::nonNull).toList() : List.of());
			}
		});
		String timestamp = single(copy, "timestamp");
		String token = single(copy, "token");
		String signature = single(copy, "signature");
		String parentSignature = copy.containsKey("parent-signature") ? single(copy, "parent-signature") : null;
		if (timestamp == null || token == null || signature == null) {
			throw malformed("Mailgun legacy webhook needs the form fields timestamp, token and signature", null);
		}
		return new LegacyWebhook(new WebhookSignature(timestamp, token, signature, parentSignature), copy);
	}

	/**
	 * Returns a short description.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "WebhookPayloadParser";
	}

	private static Map<String, Object> readObject(String json) {
		Map<String, Object> body;
		try {
			body = MAPPER.readValue(json, MAP);
		}
		catch (JacksonException ex) {
			throw malformed("Mailgun webhook body is not a valid JSON object: " + detail(ex.getOriginalMessage()), ex);
		}
		if (body == null) {
			throw malformed("Mailgun webhook body is not a JSON object", null);
		}
		return body;
	}

	private static WebhookSignature signature(Map<String, Object> body) {
		if (!(body.get("signature") instanceof Map<?, ?> block)) {
			throw malformed("Mailgun webhook body has no signature object", null);
		}
		String timestamp = timestamp(block.get("timestamp"));
		String token = requiredText(block, "token");
		String signature = requiredText(block, "signature");
		Object parent = block.get("parent-signature");
		if (parent == null) {
			parent = body.get("parent-signature");
		}
		return new WebhookSignature(timestamp, token, signature, parentSignature(parent, timestamp, token));
	}

	private static String timestamp(@Nullable Object value) {
		if (value instanceof String text) {
			return text;
		}
		if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
			return value.toString();
		}
		throw malformed("Mailgun webhook signature has no timestamp (seconds since the epoch)", null);
	}

	private static String requiredText(Map<?, ?> block, String name) {
		if (block.get(name) instanceof String text) {
			return text;
		}
		throw malformed("Mailgun webhook signature has no " + name + " text", null);
	}

	/**
	 * Accepts the hex text inside the signature object or next to it, or an object like the signature
	 * object; that one must sign the same timestamp and token, since only those are verified.
	 */
	private static @Nullable String parentSignature(@Nullable Object value, String timestamp, String token) {
		if (value == null || value instanceof String) {
			return (String) value;
		}
		if (value instanceof Map<?, ?> block) {
			Object parentTimestamp = block.get("timestamp");
			Object parentToken = block.get("token");
			if ((parentTimestamp != null && !timestamp.equals(parentTimestamp.toString()))
					|| (parentToken != null && !token.equals(parentToken))) {
				throw malformed("Mailgun webhook parent-signature signs another timestamp or token", null);
			}
			if (block.get("signature") instanceof String text) {
				return text;
			}
		}
		throw malformed("Mailgun webhook parent-signature is neither hex text nor a signature object", null);
	}

	private static @Nullable DeliveryStatus deliveryStatus(Map<?, ?> eventData) {
		return (eventData.get("delivery-status") instanceof Map<?, ?> status) ? DeliveryStatus.fromJson(status) : null;
	}

	private static @Nullable String single(Map<String, List<String>> fields, String name) {
		List<String> values = fields.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		String first = values.get(0);
		for (String value : values) {
			if (!first.equals(value)) {
				throw malformed("Mailgun legacy webhook repeats the form field " + name + " with different values",
						null);
			}
		}
		return first;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw malformed("Mailgun legacy webhook body is not form-encoded", ex);
		}
	}

	private static String detail(@Nullable String message) {
		if (message == null) {
			return "unreadable";
		}
		return (message.length() > MAX_DETAIL_LENGTH) ? message.substring(0, MAX_DETAIL_LENGTH) + "..." : message;
	}

	private static WebhookVerificationException malformed(String message, @Nullable Throwable cause) {
		return new WebhookVerificationException(Reason.MALFORMED, message, cause);
	}

}
