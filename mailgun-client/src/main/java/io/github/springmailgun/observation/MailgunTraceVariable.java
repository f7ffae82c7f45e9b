package io.github.springmailgun.observation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.springmailgun.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * The reserved custom variable that carries a send's trace context to Mailgun's events, when trace
 * correlation is on: a JSON object of the trace propagation fields (W3C {@code traceparent} and
 * {@code tracestate}, or B3) and the send time in epoch milliseconds ({@code sent-at}). Mailgun echoes it
 * in every event's {@code user-variables}, so a webhook can continue the sending trace. Baggage is never
 * carried: only the trace context's own fields are.
 */
public final class MailgunTraceVariable {

	/** The variable's name ({@code v:mailgun-trace-context}, or a key of {@code X-Mailgun-Variables}). */
	public static final String NAME = "mailgun-trace-context";

	/** The key of the send time, in epoch milliseconds, inside the variable. */
	public static final String SENT_AT = "sent-at";

	/**
	 * The fields of the W3C and B3 trace context formats, lower case. Anything else a propagator writes
	 * (W3C {@code baggage}, B3's remote baggage fields) may hold application data and stays out.
	 */
	private static final Set<String> TRACE_FIELDS = Set.of("traceparent", "tracestate", "b3", "x-b3-traceid",
			"x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags");

	private MailgunTraceVariable() {
	}

	/**
	 * Writes the variable's value from what a propagator injected into a send's carrier.
	 * @param carrier the propagator's fields
	 * @param sentAt when the send started
	 * @return the JSON text, or {@code null} when the carrier holds no trace context field
	 */
	public static @Nullable String write(Map<String, String> carrier, Instant sentAt) {
		Map<String, String> fields = new LinkedHashMap<>();
		carrier.forEach((name, value) -> {
			if (TRACE_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
				fields.put(name, value);
			}
		});
		if (fields.isEmpty()) {
			return null;
		}
		fields.put(SENT_AT, Long.toString(sentAt.toEpochMilli()));
		return Json.mapper().writeValueAsString(fields);
	}

	/**
	 * Reads the variable from an event's user variables, where Mailgun gives it back as text or as an
	 * object. A missing or unreadable variable reads as empty: it came from the outside.
	 * @param userVariables the event's {@code user-variables}
	 * @return the fields (trace context and {@code sent-at}) as text, or an empty map
	 */
	public static Map<String, String> read(Map<String, ?> userVariables) {
		Object value = userVariables.get(NAME);
		Map<?, ?> object = null;
		if (value instanceof Map<?, ?> map) {
			object = map;
		}
		else if (value instanceof String text && text.startsWith("{")) {
			try {
				object = Json.readMap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			}
			catch (RuntimeException ex) {
				return Map.of();
			}
		}
		if (object == null) {
			return Map.of();
		}
		Map<String, String> fields = new LinkedHashMap<>();
		object.forEach((name, field) -> {
			if (name instanceof String key && field instanceof String text) {
				fields.put(key, text);
			}
		});
		return fields;
	}

	/**
	 * Returns the send time carried in the variable.
	 * @param fields the fields {@link #read(Map)} returned
	 * @return the send time, or {@code null} when absent or not a number
	 */
	public static @Nullable Instant sentAt(Map<String, String> fields) {
		String millis = fields.get(SENT_AT);
		try {
			return (millis != null) ? Instant.ofEpochMilli(Long.parseLong(millis)) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
