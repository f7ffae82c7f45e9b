package io.github.springmailgun.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.springmailgun.event.MailgunEvent;
import io.github.springmailgun.event.UnknownEvent;
import io.github.springmailgun.internal.Json;
import io.github.springmailgun.webhook.WebhookVerificationException.Reason;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

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

	private static final int MAX_DETAIL_LENGTH = 200;

	// Immutable and thread-safe. BigDecimal keeps the microseconds of event timestamps exact; a repeated
	// key (two "signature" members, say) makes a body ambiguous, so it is refused.
	private static final ObjectReader READER = Json.mapper()
		.reader()
		.with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

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
		JsonNode body = readObject(json);
		WebhookSignature signature = signature(body);
		JsonNode eventData = body.path("event-data");
		if (!eventData.isObject()) {
			throw malformed("Mailgun webhook body has no event-data object", null);
		}
		return new WebhookPayload(signature, event(eventData), Json.immutableObject(body), json);
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
		return event(Json.mapper().valueToTree(eventData));
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
			String[] nameAndValue = pair.split("=", 2);
			String value = (nameAndValue.length > 1) ? decode(nameAndValue[1]) : "";
			fields.computeIfAbsent(decode(nameAndValue[0]), (key) -> new ArrayList<>()).add(value);
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
		String timestamp = single(fields, "timestamp");
		String token = single(fields, "token");
		String signature = single(fields, "signature");
		if (timestamp == null || token == null || signature == null) {
			throw malformed("Mailgun legacy webhook needs the form fields timestamp, token and signature", null);
		}
		return new LegacyWebhook(new WebhookSignature(timestamp, token, signature, single(fields, "parent-signature")),
				Collections.unmodifiableMap(fields));
	}

	/**
	 * Returns a short description.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "WebhookPayloadParser";
	}

	private static JsonNode readObject(String json) {
		JsonNode body;
		try {
			body = READER.readTree(json);
		}
		catch (JacksonException ex) {
			throw malformed("Mailgun webhook body is not a valid JSON object: " + detail(ex.getOriginalMessage()), ex);
		}
		catch (NumberFormatException ex) {
			// Jackson reports an exponent beyond an int (1e99999999999) this way, not as a JacksonException.
			throw malformed("Mailgun webhook body has a number out of range: " + detail(ex.getMessage()), ex);
		}
		if (body == null || !body.isObject()) {
			throw malformed("Mailgun webhook body is not a JSON object", null);
		}
		return body;
	}

	private static MailgunEvent event(JsonNode eventData) {
		try {
			return MailgunEvent.fromJson(eventData);
		}
		catch (IllegalArgumentException ex) {
			throw malformed("Mailgun webhook event-data has no event name", ex);
		}
	}

	private static WebhookSignature signature(JsonNode body) {
		JsonNode block = body.path("signature");
		if (!block.isObject()) {
			throw malformed("Mailgun webhook body has no signature object", null);
		}
		JsonNode timestampNode = block.path("timestamp");
		String timestamp = (timestampNode.isString() || timestampNode.isIntegralNumber()) ? Json.scalar(timestampNode)
				: null;
		if (timestamp == null) {
			throw malformed("Mailgun webhook signature has no timestamp (seconds since the epoch)", null);
		}
		String token = requiredText(block, "token");
		String signature = requiredText(block, "signature");
		JsonNode parent = isPresent(block.path("parent-signature")) ? block.path("parent-signature")
				: body.path("parent-signature");
		return new WebhookSignature(timestamp, token, signature, parentSignature(parent, timestamp, token));
	}

	private static String requiredText(JsonNode block, String name) {
		if (block.path(name).isString()) {
			return block.path(name).asString();
		}
		throw malformed("Mailgun webhook signature has no " + name + " text", null);
	}

	/**
	 * Accepts the hex text inside the signature object or next to it, or an object like the signature
	 * object; that one must sign the same timestamp and token, since only those are verified.
	 */
	private static @Nullable String parentSignature(JsonNode value, String timestamp, String token) {
		if (value.isMissingNode() || value.isNull() || value.isString()) {
			return value.isString() ? value.asString() : null;
		}
		if (value.isObject()) {
			JsonNode parentTimestamp = value.path("timestamp");
			JsonNode parentToken = value.path("token");
			if ((isPresent(parentTimestamp) && !timestamp.equals(Json.scalar(parentTimestamp)))
					|| (isPresent(parentToken) && !(parentToken.isString() && token.equals(parentToken.asString())))) {
				throw malformed("Mailgun webhook parent-signature signs another timestamp or token", null);
			}
			if (value.path("signature").isString()) {
				return value.path("signature").asString();
			}
		}
		throw malformed("Mailgun webhook parent-signature is neither hex text nor a signature object", null);
	}

	private static boolean isPresent(JsonNode value) {
		return !value.isMissingNode() && !value.isNull();
	}

	private static @Nullable String single(Map<String, ? extends List<String>> fields, String name) {
		List<String> values = fields.get(name);
		List<String> distinct = (values != null) ? values.stream().filter(Objects::nonNull).distinct().toList()
				: List.of();
		if (distinct.size() > 1) {
			throw malformed("Mailgun legacy webhook repeats the form field " + name + " with different values", null);
		}
		return distinct.isEmpty() ? null : distinct.get(0);
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
