package io.github.springmailgun.test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The JSON bodies of the mock's successful answers, shaped like Mailgun's (see the examples of
 * {@code GET /v3/domains/{domain}/messages/{key}} and {@code GET /v4/domains/{name}} in Mailgun's API
 * reference).
 */
final class MockResponses {

	private MockResponses() {
	}

	/** {@code {"id": "<...>", "message": "Queued. Thank you."}}. */
	static byte[] queued(String id) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", id);
		body.put("message", "Queued. Thank you.");
		return MockJson.write(body);
	}

	/**
	 * The stored form of an accepted message. Mailgun parses the MIME it built; the mock describes the
	 * parameters it received, and for a MIME send its top-level headers ({@code body-mime} only when the
	 * client asks for {@code message/rfc2822}, as Mailgun does).
	 */
	static byte[] storedMessage(MockMessage message, boolean includeMime) {
		List<List<String>> headers = new ArrayList<>();
		Map<String, Object> body = new LinkedHashMap<>();
		if (message.isMime()) {
			for (MockHeader header : message.mimeHeaders()) {
				headers.add(List.of(header.name(), header.value()));
			}
		}
		else {
			headers.add(List.of("Mime-Version", "1.0"));
			addHeader(headers, "Subject", (message.subject() != null) ? message.subject() : "");
			addHeader(headers, "From", message.from());
			addHeader(headers, "To", String.join(", ", message.to()));
			if (!message.cc().isEmpty()) {
				addHeader(headers, "Cc", String.join(", ", message.cc()));
			}
			message.headers().forEach((name, value) -> addHeader(headers, name, value));
			for (String tag : message.tags()) {
				addHeader(headers, "X-Mailgun-Tag", tag);
			}
			message.variables().forEach((name, value) -> addHeader(headers, "X-Mailgun-Variables",
					new String(MockJson.write(Map.of(name, value)), StandardCharsets.UTF_8)));
			addHeader(headers, "X-Mailgun-Template-Name", message.template());
			addHeader(headers, "X-Mailgun-Template-Variables", message.templateVariables());
			addHeader(headers, "Message-Id", message.id());
			addHeader(headers, "Content-Type", contentType(message));
		}
		for (List<String> header : headers) {
			body.putIfAbsent(header.get(0), header.get(1));
		}
		String from = message.from();
		String sender = (from != null) ? Addresses.bareAddress(from) : null;
		body.put("sender", (sender != null) ? sender : ((from != null) ? from : ""));
		body.put("recipients", String.join(", ", message.recipients()));
		String text = (message.text() != null) ? message.text() : "";
		String rendered = message.renderedHtml();
		String html = (rendered != null) ? rendered : "";
		body.put("body-plain", text);
		body.put("body-html", html);
		body.put("stripped-text", text);
		body.put("stripped-html", html);
		body.put("stripped-signature", "");
		body.put("message-headers", headers);
		body.put("attachments", attachmentLinks(message.storageUrl(), message.attachments()));
		if (includeMime && message.isMime()) {
			body.put("body-mime", message.rawMimeAsString());
		}
		return MockJson.write(body);
	}

	/**
	 * Mailgun's {@code attachments} of a stored message, sent or received: each file's name, type, size and
	 * the link the stored-message API serves it at.
	 */
	static List<Map<String, Object>> attachmentLinks(URI storageUrl, List<MockAttachment> attachments) {
		List<Map<String, Object>> links = new ArrayList<>();
		int index = 0;
		for (MockAttachment attachment : attachments) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("name", attachment.filename());
			item.put("content-type", attachment.contentType());
			item.put("size", attachment.size());
			item.put("url", storageUrl + "/attachments/" + index++);
			links.add(item);
		}
		return links;
	}

	private static void addHeader(List<List<String>> headers, String name, @Nullable String value) {
		if (value != null) {
			headers.add(List.of(name, value));
		}
	}

	private static String contentType(MockMessage message) {
		if (!message.attachments().isEmpty() || !message.inlines().isEmpty()) {
			return "multipart/mixed";
		}
		int bodies = ((message.text() != null) ? 1 : 0) + ((message.renderedHtml() != null) ? 1 : 0)
				+ ((message.ampHtml() != null) ? 1 : 0);
		if (bodies > 1) {
			return "multipart/alternative";
		}
		return (message.text() != null) ? "text/plain; charset=\"utf-8\"" : "text/html; charset=\"utf-8\"";
	}

	/** The answer of {@code GET /v4/domains/{name}}. */
	static byte[] domain(MockDomain domain, Instant createdAt) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("created_at", MockDates.rfc1123(createdAt));
		details.put("id", UUID.nameUUIDFromBytes(domain.name().getBytes(StandardCharsets.UTF_8))
			.toString()
			.replace("-", "")
			.substring(0, 24));
		details.put("is_disabled", domain.isDisabled());
		details.put("name", domain.name());
		details.put("require_tls", false);
		details.put("skip_verification", false);
		details.put("smtp_login", "postmaster@" + domain.name());
		details.put("spam_action", "disabled");
		details.put("state", domain.state().wireValue());
		details.put("type", domain.type());
		details.put("use_automatic_sender_security", true);
		details.put("web_prefix", "email");
		details.put("web_scheme", "https");
		details.put("wildcard", false);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("domain", details);
		body.put("receiving_dns_records", records(domain.receivingDnsRecords()));
		body.put("sending_dns_records", records(domain.sendingDnsRecords()));
		return MockJson.write(body);
	}

	private static List<Map<String, Object>> records(List<MockDomain.MockDnsRecord> records) {
		List<Map<String, Object>> list = new ArrayList<>(records.size());
		for (MockDomain.MockDnsRecord record : records) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("is_active", true);
			item.put("cached", (record.valid() == MockDomain.MockDnsRecord.Validity.VALID) ? List.of(record.value()) : List.of());
			item.put("name", record.name());
			if (record.priority() != null) {
				item.put("priority", record.priority());
			}
			item.put("record_type", record.recordType());
			item.put("valid", record.valid().wireValue());
			item.put("value", record.value());
			list.add(item);
		}
		return list;
	}

}
