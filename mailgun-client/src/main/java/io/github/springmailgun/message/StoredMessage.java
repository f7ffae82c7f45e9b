package io.github.springmailgun.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A message Mailgun stored (for its retention period) and returned from
 * {@code GET /v3/domains/{domain}/messages/{storage-key}}. The common fields are typed; every field
 * Mailgun returned, including ones added later, is in {@link #fields()}.
 *
 * @param from the {@code From} header
 * @param subject the {@code Subject} header
 * @param sender the envelope sender
 * @param recipients the envelope recipients, comma-separated as Mailgun writes them
 * @param bodyPlain the text body ({@code body-plain})
 * @param bodyHtml the HTML body ({@code body-html})
 * @param strippedText the text without quoted parts and signature ({@code stripped-text})
 * @param strippedHtml the HTML without quoted parts ({@code stripped-html})
 * @param headers the MIME headers in order ({@code message-headers})
 * @param attachments the attachments, as links Mailgun serves them at
 * @param fields every field of the response, as parsed JSON (maps, lists, strings, numbers)
 */
public record StoredMessage(@Nullable String from, @Nullable String subject, @Nullable String sender,
		@Nullable String recipients, @Nullable String bodyPlain, @Nullable String bodyHtml,
		@Nullable String strippedText, @Nullable String strippedHtml, List<Header> headers,
		List<StoredAttachment> attachments, Map<String, Object> fields) {

	/**
	 * Copies the collections.
	 */
	public StoredMessage {
		headers = List.copyOf(headers);
		attachments = List.copyOf(attachments);
		fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}

	/**
	 * Reads a stored message from Mailgun's JSON, already parsed into maps and lists.
	 * @param json the parsed response body
	 * @return the stored message
	 */
	@SuppressWarnings("unchecked")
	public static StoredMessage fromJson(Map<String, ?> json) {
		List<Header> headers = new ArrayList<>();
		if (json.get("message-headers") instanceof List<?> pairs) {
			for (Object pair : pairs) {
				if (pair instanceof List<?> list && list.size() == 2) {
					headers.add(new Header(String.valueOf(list.get(0)), String.valueOf(list.get(1))));
				}
			}
		}
		List<StoredAttachment> attachments = StoredAttachment.listFromJson(json.get("attachments"));
		// Read-only here, and copied by the constructor.
		return new StoredMessage(text(json, "From"), text(json, "Subject"), text(json, "sender"),
				text(json, "recipients"), text(json, "body-plain"), text(json, "body-html"),
				text(json, "stripped-text"), text(json, "stripped-html"), headers, attachments, (Map<String, Object>) json);
	}

	/**
	 * Returns the first header with the given name, ignoring case.
	 * @param name the header name
	 * @return the value, or {@code null}
	 */
	public @Nullable String header(String name) {
		return this.headers.stream()
			.filter((header) -> header.name().equalsIgnoreCase(name))
			.map(Header::value)
			.findFirst()
			.orElse(null);
	}

	private static @Nullable String text(Map<?, ?> map, String key) {
		return Objects.toString(map.get(key), null);
	}

	/**
	 * One MIME header of a stored message.
	 *
	 * @param name the header name
	 * @param value the header value
	 */
	public record Header(String name, String value) {
	}

	/**
	 * An attachment of a stored message, downloadable from Mailgun with the API key.
	 *
	 * @param name the file name
	 * @param contentType the media type
	 * @param size the size in bytes, or -1
	 * @param url where Mailgun serves the content
	 */
	public record StoredAttachment(@Nullable String name, @Nullable String contentType, long size,
			@Nullable String url) {

		/**
		 * Reads the attachments as Mailgun lists them: the {@code attachments} of a stored message or of a
		 * {@code store(notify=...)} post, already parsed.
		 * @param items the parsed JSON array; anything else reads as none
		 * @return the attachments, in their order
		 */
		public static List<StoredAttachment> listFromJson(@Nullable Object items) {
			List<StoredAttachment> attachments = new ArrayList<>();
			if (items instanceof List<?> list) {
				for (Object item : list) {
					if (item instanceof Map<?, ?> map) {
						Object size = map.get("size");
						attachments.add(new StoredAttachment(text(map, "name"), text(map, "content-type"),
								(size instanceof Number number) ? number.longValue() : -1, text(map, "url")));
					}
				}
			}
			return List.copyOf(attachments);
		}

	}

}
