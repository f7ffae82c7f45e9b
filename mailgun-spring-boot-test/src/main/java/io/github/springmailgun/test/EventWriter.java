package io.github.springmailgun.test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes Mailgun's events as maps, in the shape of the examples of {@code GET /v3/{domain}/events} in
 * Mailgun's API reference (the webhooks' {@code event-data}), and their Logs API form. The mock's own
 * code, not the client's model, so that a client that misreads Mailgun's JSON fails against it.
 */
final class EventWriter {

	/** The SMTP answer of a hard bounce. */
	static final String BOUNCE_MESSAGE = "5.1.1 The email account that you tried to reach does not exist.";

	private static final Map<String, String> SUPPRESSED = Map.of("suppress-bounce",
			"Not delivering to previously bounced address", "suppress-unsubscribe",
			"Not delivering to unsubscribed address", "suppress-complaint",
			"Not delivering to a user who marked your messages as spam");

	private final SecureRandom random = new SecureRandom();

	MockEvent accepted(MockMessage message, String recipient, Instant at) {
		Map<String, Object> data = common("accepted", "info", message, recipient, at);
		data.put("method", "HTTP");
		data.put("envelope", envelope(message, recipient, false));
		data.put("flags", flags(message));
		return event(message, recipient, at, null, data);
	}

	MockEvent delivered(MockMessage message, String recipient, Instant at, int attempt) {
		Map<String, Object> data = common("delivered", "info", message, recipient, at);
		data.put("envelope", envelope(message, recipient, true));
		data.put("flags", flags(message));
		Map<String, Object> status = status(250, "OK", "", attempt);
		status.put("tls", true);
		status.put("mx-host", "mx." + domainOf(recipient));
		status.put("utf8", true);
		status.put("certificate-verified", true);
		data.put("delivery-status", status);
		return event(message, recipient, at, null, data);
	}

	/** A permanent failure without an attempt: the address is on a suppression list. */
	MockEvent suppressed(MockMessage message, String recipient, Instant at, String reason) {
		Map<String, Object> status = status(605, "", SUPPRESSED.getOrDefault(reason, "Not delivering to suppressed address"),
				1);
		status.put("session-seconds", 0);
		return failed(message, recipient, at, "permanent", reason, status);
	}

	MockEvent bounced(MockMessage message, String recipient, Instant at) {
		Map<String, Object> status = status(550, BOUNCE_MESSAGE, "", 1);
		status.put("enhanced-code", "5.1.1");
		status.put("mx-host", "mx." + domainOf(recipient));
		return failed(message, recipient, at, "permanent", "bounce", status);
	}

	MockEvent deferred(MockMessage message, String recipient, Instant at, long retrySeconds) {
		Map<String, Object> status = status(421, "4.7.0 Temporary failure, try again later", "", 1);
		status.put("enhanced-code", "4.7.0");
		status.put("mx-host", "mx." + domainOf(recipient));
		status.put("retry-seconds", retrySeconds);
		return failed(message, recipient, at, "temporary", "generic", status);
	}

	/** {@code opened}, {@code clicked} (with a URL), {@code unsubscribed} or {@code complained}. */
	MockEvent engagement(String event, MockMessage message, String recipient, Instant at, @Nullable String url) {
		Map<String, Object> data = common(event, event.equals("complained") ? "warn" : "info", message, recipient, at);
		if (url != null) {
			data.put("url", url);
		}
		if (!event.equals("complained")) {
			data.put("ip", "127.0.0.1");
			data.put("geolocation", ordered("country", "US", "region", "Unknown", "city", "Unknown"));
			data.put("client-info",
					ordered("client-type", "browser", "client-os", "Linux", "device-type", "desktop", "client-name",
							"Firefox", "user-agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
							"bot", ""));
		}
		return event(message, recipient, at, null, data);
	}

	/**
	 * An event as the Logs API writes it: {@code @timestamp} (ISO-8601) instead of {@code timestamp}, the
	 * domain and account as objects, and {@code user-variables} as JSON text (Mailgun's schema types it
	 * as a string).
	 */
	static Map<String, Object> logEntry(MockEvent event) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("id", event.id());
		entry.put("event", event.event());
		entry.put("@timestamp", MockDates.isoMillis(event.timestamp()));
		entry.put("account", Map.of("id", "mock"));
		entry.put("domain", Map.of("name", event.domain()));
		event.data().forEach((name, value) -> {
			if (!name.equals("timestamp") && !entry.containsKey(name)) {
				entry.put(name, name.equals("user-variables") ? new String(MockJson.write(value),
						StandardCharsets.UTF_8) : value);
			}
		});
		return entry;
	}

	private MockEvent failed(MockMessage message, String recipient, Instant at, String severity, String reason,
			Map<String, Object> status) {
		Map<String, Object> data = common("failed", severity.equals("temporary") ? "warn" : "error", message, recipient,
				at);
		data.put("severity", severity);
		data.put("reason", reason);
		data.put("envelope", envelope(message, recipient, true));
		data.put("flags", flags(message));
		data.put("delivery-status", status);
		return event(message, recipient, at, severity, data);
	}

	private MockEvent event(MockMessage message, String recipient, Instant at, @Nullable String severity,
			Map<String, Object> data) {
		return new MockEvent(String.valueOf(data.get("id")), String.valueOf(data.get("event")), severity, message.domain(), recipient,
				message.messageId(), at, data);
	}

	private Map<String, Object> common(String event, String logLevel, MockMessage message, String recipient,
			Instant at) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("id", newId());
		data.put("event", event);
		data.put("timestamp", timestamp(at));
		data.put("log-level", logLevel);
		data.put("recipient", recipient);
		data.put("recipient-domain", domainOf(recipient));
		data.put("tags", message.tags());
		data.put("user-variables", new LinkedHashMap<>(message.variables()));
		data.put("message", message(message, event.equals("accepted")));
		if (event.equals("accepted") || event.equals("delivered") || event.equals("failed")) {
			data.put("storage", ordered("url", message.storageUrl().toString(), "key", message.storageKey()));
		}
		return data;
	}

	private static Map<String, Object> message(MockMessage message, boolean withRecipients) {
		Map<String, Object> headers = new LinkedHashMap<>();
		String to = message.isMime() ? message.mimeHeader("To") : String.join(", ", message.to());
		headers.put("to", (to != null) ? to : "");
		headers.put("message-id", message.messageId());
		String from = message.from();
		if (from != null) {
			headers.put("from", from);
		}
		String subject = message.subject();
		if (subject != null) {
			headers.put("subject", subject);
		}
		List<Object> attachments = new ArrayList<>();
		for (MockAttachment file : message.attachments()) {
			attachments.add(ordered("filename", file.filename(), "content-type", file.contentType(), "size", file.size()));
		}
		Map<String, Object> written = new LinkedHashMap<>();
		written.put("headers", headers);
		written.put("attachments", attachments);
		if (withRecipients) {
			written.put("recipients", message.recipients());
		}
		written.put("size", size(message));
		return written;
	}

	private static long size(MockMessage message) {
		byte[] mime = message.rawMime();
		if (mime != null) {
			return mime.length;
		}
		long size = 0;
		for (String part : new String[] { message.text(), message.html(), message.subject() }) {
			size += (part != null) ? part.getBytes(StandardCharsets.UTF_8).length : 0;
		}
		for (MockAttachment file : message.files()) {
			size += file.size();
		}
		return size;
	}

	private static Map<String, Object> envelope(MockMessage message, String recipient, boolean sent) {
		Map<String, Object> envelope = new LinkedHashMap<>();
		String from = message.from();
		String sender = (from != null) ? Addresses.bareAddress(from) : null;
		envelope.put("sender", (sender != null) ? sender : "postmaster@" + message.domain());
		envelope.put("transport", "smtp");
		if (sent) {
			envelope.put("sending-ip", "127.0.0.1");
		}
		envelope.put("targets", recipient);
		return envelope;
	}

	private static Map<String, Object> flags(MockMessage message) {
		return ordered("is-routed", false, "is-authenticated", true, "is-system-test", false, "is-test-mode",
				message.isTestMode());
	}

	private static Map<String, Object> status(int code, String message, String description, int attempt) {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("code", code);
		status.put("message", message);
		status.put("description", description);
		status.put("attempt-no", attempt);
		status.put("session-seconds", 0.1);
		return status;
	}

	/** Epoch seconds with six decimals, as Mailgun writes them ({@code 1529692198.641821}). */
	static BigDecimal timestamp(Instant at) {
		return BigDecimal.valueOf(at.getEpochSecond()).add(BigDecimal.valueOf(at.getNano() / 1000, 6));
	}

	private static String domainOf(String address) {
		int at = address.lastIndexOf('@');
		return (at >= 0) ? address.substring(at + 1).toLowerCase(Locale.ROOT) : "";
	}

	/** Mailgun's event ids: 22 characters of URL-safe Base64. */
	private String newId() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static Map<String, Object> ordered(Object... namesAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			map.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return map;
	}

}
