package io.github.springmailgun.test;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A received message a route's {@code store()} action kept, as {@link MockInbound#storedMessages()} lists
 * it: served by the stored-message API at {@link #url()} (the {@code message-url} of a
 * {@code store(notify=...)} post), with its attachments at {@code <url>/attachments/<index>}.
 *
 * @param storageKey the key in the stored-message path
 * @param url the stored message's URL on the mock
 * @param domain the domain it was received for: the recipient's, or the mock's first domain when the mock
 * does not know the recipient's
 * @param storedAt when it was stored, on the mock's {@link MockClock}
 * @param message the message
 */
public record MockStoredMessage(String storageKey, URI url, String domain, Instant storedAt,
		MockInboundMessage message) {

	/**
	 * Checks the values.
	 */
	public MockStoredMessage {
		Objects.requireNonNull(storageKey, "storageKey");
		Objects.requireNonNull(url, "url");
		Objects.requireNonNull(domain, "domain");
		Objects.requireNonNull(storedAt, "storedAt");
		Objects.requireNonNull(message, "message");
	}

	/** Mailgun's {@code attachments} of a stored message: a link and the metadata of each file. */
	List<Map<String, Object>> attachmentLinks() {
		return MockResponses.attachmentLinks(this.url, this.message.attachments());
	}

	/** Mailgun's {@code content-id-map} of a stored message: each inline file's link by its content id. */
	Map<String, Object> contentIdLinks() {
		Map<String, Object> map = new LinkedHashMap<>();
		List<Map<String, Object>> links = attachmentLinks();
		List<MockAttachment> attachments = this.message.attachments();
		for (int i = 0; i < attachments.size(); i++) {
			String contentId = attachments.get(i).contentId();
			if (contentId != null) {
				map.put("<" + contentId + ">", links.get(i));
			}
		}
		return map;
	}

	/**
	 * The stored message as Mailgun's {@code GET} answers it: the headers as top-level keys, then the
	 * parsed fields, with {@code body-mime} when the request accepts {@code message/rfc2822}.
	 */
	byte[] json(boolean includeMime) {
		Map<String, Object> body = new LinkedHashMap<>();
		List<List<String>> headers = new ArrayList<>();
		this.message.allHeaders().forEach((header) -> {
			headers.add(List.of(header.getKey(), header.getValue()));
			body.putIfAbsent(header.getKey(), header.getValue());
		});
		body.putAll(this.message.parsedFields());
		body.remove("recipient");
		body.put("recipients", this.message.recipient());
		body.put("message-headers", headers);
		body.put("attachments", attachmentLinks());
		body.put("content-id-map", contentIdLinks());
		if (includeMime) {
			body.put("body-mime", InboundPoster.mime(this.message));
		}
		return MockJson.write(body);
	}

}
