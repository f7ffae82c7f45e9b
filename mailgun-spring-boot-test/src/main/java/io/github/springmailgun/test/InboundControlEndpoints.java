package io.github.springmailgun.test;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Receiving mail over HTTP, for a test that drives the mock in another process (the container):
 * {@code POST /mock/receive} with {@code {"from", "recipient", "subject", "text", "html", "headers": {name:
 * value} or [[name, value], ...], "attachments": [{"fileName", "contentType", "content" (Base64),
 * "contentId"}]}} answers the ids of the routes that matched; {@code GET /mock/inbound/deliveries} lists
 * the posts made.
 */
final class InboundControlEndpoints {

	private final MockInbound inbound;

	InboundControlEndpoints(MockInbound inbound) {
		this.inbound = inbound;
	}

	void register(MockRoutes routes) {
		routes.control("POST", "/mock/receive", this::receive)
			.control("GET", "/mock/inbound/deliveries",
					(call) -> MockAnswer.ok(Map.of("items", this.inbound.deliveries().stream().map(InboundControlEndpoints::json).toList()),
							"inbound deliveries"));
	}

	private MockAnswer receive(MockCall call) {
		Map<String, Object> json = call.json();
		String from = required(json, "from");
		String recipient = required(json, "recipient");
		MockInboundMessage.Builder message = MockInboundMessage.builder(from, recipient);
		if (json.get("subject") != null) {
			message.subject(String.valueOf(json.get("subject")));
		}
		if (json.get("text") != null) {
			message.text(String.valueOf(json.get("text")));
		}
		if (json.get("html") != null) {
			message.html(String.valueOf(json.get("html")));
		}
		if (json.get("headers") instanceof Map<?, ?> headers) {
			headers.forEach((name, value) -> message.header(String.valueOf(name), String.valueOf(value)));
		}
		else if (json.get("headers") instanceof List<?> headers) {
			// [[name, value], ...]: a header may come more than once (Received).
			for (Object header : headers) {
				if (!(header instanceof List<?> pair) || pair.size() != 2) {
					throw new BadRequestException("'headers' must be an object or a list of [name, value] pairs");
				}
				message.header(String.valueOf(pair.get(0)), String.valueOf(pair.get(1)));
			}
		}
		if (json.get("attachments") instanceof List<?> attachments) {
			for (Object item : attachments) {
				if (!(item instanceof Map<?, ?> attachment)) {
					throw new BadRequestException("'attachments' must be a list of objects");
				}
				attach(message, attachment);
			}
		}
		List<String> matched = this.inbound.receive(message.build()).stream().map(MockRoute::id).toList();
		return MockAnswer.ok(Map.of("message", matched.isEmpty() ? "No route matched" : "Received", "routes", matched),
				"received for " + recipient + ", " + matched.size() + " route(s)");
	}

	private static void attach(MockInboundMessage.Builder message, Map<?, ?> attachment) {
		Object fileName = attachment.get("fileName");
		Object content = attachment.get("content");
		if (fileName == null || content == null) {
			throw new BadRequestException("an attachment needs 'fileName' and 'content' (Base64)");
		}
		Object contentType = attachment.get("contentType");
		String type = (contentType != null) ? String.valueOf(contentType) : "application/octet-stream";
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(String.valueOf(content));
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestException("an attachment's 'content' must be Base64");
		}
		Object contentId = attachment.get("contentId");
		if (contentId != null) {
			message.inline(String.valueOf(contentId), String.valueOf(fileName), type, bytes);
		}
		else {
			message.attachment(String.valueOf(fileName), type, bytes);
		}
	}

	private static String required(Map<String, Object> json, String name) {
		Object value = json.get(name);
		if (value == null) {
			throw new BadRequestException("'" + name + "' is required");
		}
		return String.valueOf(value);
	}

	private static Map<String, Object> json(MockInboundDelivery delivery) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("route", delivery.routeId());
		item.put("target", delivery.target());
		item.put("recipient", delivery.recipient());
		item.put("subject", delivery.subject());
		item.put("attempt", delivery.attempt());
		item.put("at", delivery.at().toString());
		item.put("status", delivery.status());
		item.put("error", delivery.error());
		return item;
	}

}
