package io.github.springmailgun.test;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Posts a received message to a route's URL as Mailgun does: the parsed form
 * ({@code application/x-www-form-urlencoded} without attachments, {@code multipart/form-data} with), or
 * {@code body-mime} for a URL ending in {@code mime}; signed as {@link WebhookPoster} signs webhooks,
 * posted as a task of the mock's clock and retried on the webhooks' schedule until an answer is 2xx or 406
 * (see {@link HttpPoster}), the same body each time as Mailgun's retries.
 */
final class InboundPoster {

	private static final String BOUNDARY = "mailgun-mock-inbound-7f3a91";

	private final MockInbound inbound;

	private final MockWebhooks webhooks;

	private final HttpPoster http;

	InboundPoster(MockInbound inbound, MockWebhooks webhooks) {
		this.inbound = inbound;
		this.webhooks = webhooks;
		this.http = new HttpPoster(webhooks.clock(),
				HttpPoster.retrySchedule(HttpPoster.MAILGUN_ROUTE_RETRY_SCHEDULE, webhooks.retryCompression()));
	}

	void reset() {
		this.http.reset();
	}

	List<Duration> retrySchedule() {
		return this.http.retrySchedule();
	}

	/** Signs the message now and schedules its post to the URL. */
	void post(String routeId, String url, MockInboundMessage message) {
		List<Object[]> parts = url.endsWith("mime") ? mimeForm(message) : parsedForm(message);
		// Mailgun posts the MIME form, and a parsed form with attachments, as multipart.
		send(routeId, url, message, parts, url.endsWith("mime") || parts.stream().anyMatch((part) -> part.length > 2));
	}

	/**
	 * Signs Mailgun's store-notify form of a stored message now and schedules its post to the notify URL:
	 * the parsed fields with {@code message-url}, and the attachments as links instead of files; multipart
	 * when the message has attachments, as Mailgun's.
	 */
	void notify(String routeId, String url, MockStoredMessage stored) {
		MockInboundMessage message = stored.message();
		List<Object[]> parts = new ArrayList<>();
		field(parts, "domain", stored.domain());
		message.parsedFields().forEach((name, value) -> field(parts, name, value));
		field(parts, "message-headers", json(headerPairs(message)));
		field(parts, "attachments", json(stored.attachmentLinks()));
		Map<String, Object> contentIds = stored.contentIdLinks();
		if (!contentIds.isEmpty()) {
			field(parts, "content-id-map", json(contentIds));
		}
		field(parts, "message-url", stored.url().toString());
		send(routeId, url, message, parts, !message.attachments().isEmpty());
	}

	private void send(String routeId, String url, MockInboundMessage message, List<Object[]> parts, boolean multipart) {
		HttpPoster.signature(this.webhooks.signingKey(), this.http.clock().now())
			.forEach((name, value) -> field(parts, name, value));
		byte[] body = multipart ? multipart(parts) : urlEncoded(parts);
		String contentType = multipart ? "multipart/form-data; boundary=" + BOUNDARY
				: "application/x-www-form-urlencoded";
		this.http.post(url, contentType, body, (attempt, at, status, error) -> this.inbound.record(
				new MockInboundDelivery(routeId, url, message.recipient(), message.subject(), attempt, at, status, error)));
	}

	/** Text fields are {name, value}; files {name, fileName, contentType, bytes}. */
	private static List<Object[]> parsedForm(MockInboundMessage message) {
		List<Object[]> parts = new ArrayList<>();
		message.parsedFields().forEach((name, value) -> field(parts, name, value));
		field(parts, "message-headers", json(headerPairs(message)));
		Map<String, String> contentIds = new LinkedHashMap<>();
		int index = 0;
		for (MockAttachment attachment : message.attachments()) {
			String name = "attachment-" + (++index);
			String contentId = attachment.contentId();
			if (contentId != null) {
				contentIds.put("<" + contentId + ">", name);
			}
			parts.add(new Object[] { name, attachment.filename(), attachment.contentType(), attachment.content() });
		}
		if (!contentIds.isEmpty()) {
			field(parts, "content-id-map", json(contentIds));
		}
		field(parts, "attachment-count", Integer.toString(index));
		return parts;
	}

	private static List<List<String>> headerPairs(MockInboundMessage message) {
		return message.allHeaders().stream().map((header) -> List.of(header.getKey(), header.getValue())).toList();
	}

	private static String json(Object value) {
		return new String(MockJson.write(value), StandardCharsets.UTF_8);
	}

	/** The MIME form: {@code body-mime} is a text field with the whole message. */
	private static List<Object[]> mimeForm(MockInboundMessage message) {
		List<Object[]> parts = new ArrayList<>();
		Map<String, String> fields = message.parsedFields();
		for (String name : List.of("recipient", "sender", "from", "subject")) {
			field(parts, name, fields.getOrDefault(name, ""));
		}
		field(parts, "body-mime", mime(message));
		return parts;
	}

	static String mime(MockInboundMessage message) {
		StringBuilder mime = new StringBuilder();
		message.allHeaders().forEach((header) -> mime.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n"));
		mime.append("MIME-Version: 1.0\r\n");
		String boundary = "mime-" + BOUNDARY;
		mime.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
		if (message.text() != null) {
			mimePart(mime, boundary, "text/plain; charset=UTF-8", null, message.text().getBytes(StandardCharsets.UTF_8));
		}
		if (message.html() != null) {
			mimePart(mime, boundary, "text/html; charset=UTF-8", null, message.html().getBytes(StandardCharsets.UTF_8));
		}
		for (MockAttachment attachment : message.attachments()) {
			mimePart(mime, boundary, attachment.contentType(), attachment, attachment.content());
		}
		return mime.append("--").append(boundary).append("--\r\n").toString();
	}

	private static void mimePart(StringBuilder mime, String boundary, String contentType,
			@Nullable MockAttachment attachment, byte[] content) {
		mime.append("--").append(boundary).append("\r\nContent-Type: ").append(contentType).append("\r\n");
		if (attachment != null) {
			String contentId = attachment.contentId();
			mime.append("Content-Disposition: ").append((contentId != null) ? "inline" : "attachment")
				.append("; filename=\"").append(attachment.filename()).append("\"\r\n");
			if (contentId != null) {
				mime.append("Content-ID: <").append(contentId).append(">\r\n");
			}
		}
		mime.append("Content-Transfer-Encoding: base64\r\n\r\n")
			.append(Base64.getMimeEncoder().encodeToString(content))
			.append("\r\n");
	}

	private static void field(List<Object[]> parts, String name, String value) {
		parts.add(new Object[] { name, value });
	}

	private static byte[] urlEncoded(List<Object[]> parts) {
		StringBuilder body = new StringBuilder();
		for (Object[] part : parts) {
			if (!body.isEmpty()) {
				body.append('&');
			}
			body.append(URLEncoder.encode((String) part[0], StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode((String) part[1], StandardCharsets.UTF_8));
		}
		return body.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] multipart(List<Object[]> parts) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Object[] part : parts) {
			StringBuilder head = new StringBuilder("--").append(BOUNDARY)
				.append("\r\nContent-Disposition: form-data; name=\"")
				.append(part[0])
				.append('"');
			byte[] content;
			if (part.length == 4) {
				head.append("; filename=\"").append(part[1]).append("\"\r\nContent-Type: ").append(part[2]);
				content = (byte[]) part[3];
			}
			else {
				head.append("\r\nContent-Type: text/plain; charset=UTF-8");
				content = ((String) part[1]).getBytes(StandardCharsets.UTF_8);
			}
			body.writeBytes(head.append("\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8));
			body.writeBytes(content);
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

}
