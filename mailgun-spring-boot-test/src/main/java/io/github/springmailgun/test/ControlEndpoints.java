package io.github.springmailgun.test;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The server's own control over HTTP, for tests that reach the mock in another process (the container):
 * {@code POST /mock/reset}, {@code POST /mock/faults}, {@code POST /mock/delays}, {@code GET /mock/messages}
 * and {@code POST /mock/clock/advance}. Like every control endpoint they need no key and draw no fault.
 * Bodies are JSON with the names of the Java API ({@code retryAfter}, {@code contentType}); durations are
 * ISO-8601 ({@code PT2S}).
 */
final class ControlEndpoints {

	private final MailgunMockServer server;

	ControlEndpoints(MailgunMockServer server) {
		this.server = server;
	}

	void register(MockRoutes routes) {
		routes.control("POST", "/mock/reset", call -> {
			this.server.reset();
			return MockAnswer.ok(Map.of("message", "Mock reset"), "reset");
		})
			.control("POST", "/mock/faults", this::faults)
			.control("POST", "/mock/delays", this::delays)
			.control("GET", "/mock/messages", call -> MockAnswer.ok(Map.of("items", messages()), "messages"))
			.control("POST", "/mock/clock/advance", this::advance);
	}

	/**
	 * Queues a fault: {@code {"status": 503, "message": "...", "count": 2}}, {@code {"disconnect": true}},
	 * {@code {"status": 429, "retryAfter": "PT2S"}} (Mailgun's rate-limit text), or one written in full
	 * with {@code contentType}, {@code body}, {@code headers} and {@code rateLimitResetHeader}.
	 */
	private MockAnswer faults(MockCall call) {
		Map<String, Object> json = call.json();
		int count = integer(json, "count", 1);
		MockFault fault;
		try {
			fault = fault(json);
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestException(String.valueOf(ex.getMessage()));
		}
		if (count < 1) {
			throw new BadRequestException("count must be at least 1, was " + count);
		}
		this.server.failNext(count, fault);
		return MockAnswer.ok(Map.of("message", "Fault queued", "fault", fault.toString(), "count", count),
				count + " x " + fault);
	}

	private static MockFault fault(Map<String, Object> json) {
		if (Boolean.TRUE.equals(json.get("disconnect"))) {
			return MockFault.disconnect();
		}
		if (!(json.get("status") instanceof Number)) {
			throw new IllegalArgumentException("'status' (a number) or 'disconnect': true is required");
		}
		int status = integer(json, "status", 0);
		Duration retryAfter = duration(json, "retryAfter");
		boolean resetHeader = Boolean.TRUE.equals(json.get("rateLimitResetHeader"));
		Map<String, String> headers = headers(json.get("headers"));
		String message = string(json, "message");
		String body = string(json, "body");
		if (body != null) {
			String contentType = string(json, "contentType");
			return MockFault.of(status, (contentType != null) ? contentType : MockAnswer.JSON, body, headers,
					retryAfter, resetHeader);
		}
		if (message != null) {
			return MockFault.of(status, MockAnswer.JSON, MockFault.status(status, message).body(), headers, retryAfter,
					resetHeader);
		}
		if (status == 429) {
			MockFault limited = MockFault.rateLimited((retryAfter != null) ? retryAfter : Duration.ofSeconds(1));
			return MockFault.of(429, limited.contentType(), limited.body(), headers, limited.retryAfter().orElse(null),
					resetHeader);
		}
		throw new IllegalArgumentException("a fault with status " + status + " needs 'message' or 'body'");
	}

	private MockAnswer delays(MockCall call) {
		Map<String, Object> json = call.json();
		int count = integer(json, "count", 1);
		Duration delay = duration(json, "delay");
		if (delay == null) {
			throw new BadRequestException("'delay' is required, such as \"PT2S\"");
		}
		try {
			this.server.delayNext(count, delay);
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestException(String.valueOf(ex.getMessage()));
		}
		return MockAnswer.ok(Map.of("message", "Delay queued", "delay", delay.toString(), "count", count),
				count + " x delay " + delay);
	}

	private List<Map<String, Object>> messages() {
		return this.server.sentMessages().stream().map(message -> {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", message.id());
			item.put("storage-key", message.storageKey());
			item.put("domain", message.domain());
			item.put("received-at", message.receivedAt().toString());
			item.put("from", message.from());
			item.put("to", message.to());
			item.put("subject", message.subject());
			item.put("tags", message.tags());
			return item;
		}).toList();
	}

	/**
	 * Moves a manual clock; the events and webhook posts that fall due run before the answer, on this
	 * request's thread, as {@link MockClock#advance(Duration)} runs them in the caller's.
	 */
	private MockAnswer advance(MockCall call) {
		MockClock clock = this.server.clock();
		if (!clock.isManual()) {
			return MockAnswer.json(409, "The mock's clock follows the real time and cannot be advanced; start the mock"
					+ " with a manual clock (" + MailgunMockServerMain.CLOCK + "=manual)");
		}
		Duration duration = duration(call.json(), "duration");
		if (duration == null || duration.isNegative()) {
			throw new BadRequestException("'duration' is required and must not be negative, such as \"PT5M\"");
		}
		clock.advance(duration);
		return MockAnswer.ok(Map.of("message", "Clock advanced", "now", clock.now().toString()),
				"clock advanced by " + duration);
	}

	private static int integer(Map<String, Object> json, String name, int fallback) {
		Object value = json.get(name);
		if (value == null) {
			return fallback;
		}
		if (!(value instanceof Integer number)) {
			throw new BadRequestException("'" + name + "' must be a whole number, was " + Texts.abbreviate(String.valueOf(value)));
		}
		return number;
	}

	private static @Nullable Duration duration(Map<String, Object> json, String name) {
		Object value = json.get(name);
		if (value == null) {
			return null;
		}
		try {
			return Duration.parse(String.valueOf(value));
		}
		catch (DateTimeParseException ex) {
			throw new BadRequestException("'" + name + "' must be an ISO-8601 duration such as \"PT2S\", was '"
					+ Texts.abbreviate(String.valueOf(value)) + "'");
		}
	}

	private static @Nullable String string(Map<String, Object> json, String name) {
		Object value = json.get(name);
		return (value != null) ? String.valueOf(value) : null;
	}

	private static Map<String, String> headers(@Nullable Object value) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (value == null) {
			return headers;
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw new BadRequestException("'headers' must be an object of names and values");
		}
		map.forEach((name, header) -> headers.put(String.valueOf(name), String.valueOf(header)));
		return headers;
	}

}
