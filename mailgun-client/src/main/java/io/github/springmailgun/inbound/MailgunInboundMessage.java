package io.github.springmailgun.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.springmailgun.internal.Json;
import io.github.springmailgun.message.StoredMessage.StoredAttachment;
import io.github.springmailgun.webhook.WebhookVerification;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A message that a Mailgun route forwarded to the application, verified, and published as an application
 * event by the inbound endpoint. Listen with {@code @EventListener void on(MailgunInboundMessage message)};
 * listeners run before the endpoint answers, and when one throws, Mailgun is answered with a 500 and posts
 * the message again later.
 *
 * <p>
 * Attachments (and the raw MIME of a {@code body-mime} post) live in temporary files that the message
 * owns until it is {@linkplain #close() closed}. The endpoint closes it once the synchronous listeners
 * returned, unless one of them called {@link #retain()}: that listener then owns the files and must close
 * the message when done with them. An {@code @Async} listener or one that hands the message to another
 * thread must retain it first, on the request thread, or it finds the files gone.
 */
public final class MailgunInboundMessage implements AutoCloseable {

	private final Map<String, List<String>> fields;

	private final List<InboundHeader> headers;

	private final Map<String, String> contentIdMap;

	private final List<InboundAttachment> attachments;

	private final @Nullable InboundAttachment mime;

	private final List<StoredAttachment> storedAttachments;

	private final WebhookVerification verification;

	private final AtomicBoolean retained = new AtomicBoolean();

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Creates a message from the fields of Mailgun's post.
	 * @param fields the text fields with their values, in the order received
	 * @param attachments the files posted as {@code attachment-1..n}, in that order
	 * @param mime the raw MIME of a {@code body-mime} post, or {@code null} for the parsed form
	 * @param verification the accepted signature's token and time
	 * @throws IllegalArgumentException when {@code message-headers} or {@code content-id-map} is not the JSON
	 * Mailgun posts
	 */
	public MailgunInboundMessage(Map<String, List<String>> fields, List<InboundAttachment> attachments,
			@Nullable InboundAttachment mime, WebhookVerification verification) {
		Objects.requireNonNull(fields, "fields");
		Map<String, List<String>> copy = new LinkedHashMap<>();
		fields.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		this.fields = Collections.unmodifiableMap(copy);
		this.attachments = List.copyOf(attachments);
		this.mime = mime;
		this.verification = Objects.requireNonNull(verification, "verification");
		this.headers = parseHeaders(field("message-headers"));
		this.contentIdMap = parseContentIdMap(field("content-id-map"));
		this.storedAttachments = parseStoredAttachments(field("attachments"));
	}

	/**
	 * Returns the address the route matched ({@code recipient}).
	 * @return the recipient, or {@code null} when absent
	 */
	public @Nullable String recipient() {
		return field("recipient");
	}

	/**
	 * Returns the envelope sender ({@code sender}).
	 * @return the sender, or {@code null} when absent
	 */
	public @Nullable String sender() {
		return field("sender");
	}

	/**
	 * Returns the {@code From} header, decoded by Mailgun.
	 * @return the from text, or {@code null} when absent
	 */
	public @Nullable String from() {
		return field("from");
	}

	/**
	 * Returns the subject, decoded by Mailgun.
	 * @return the subject, or {@code null} when absent
	 */
	public @Nullable String subject() {
		return field("subject");
	}

	/**
	 * Returns the text body ({@code body-plain}).
	 * @return the text, or {@code null} when absent
	 */
	public @Nullable String bodyPlain() {
		return field("body-plain");
	}

	/**
	 * Returns the HTML body ({@code body-html}): untrusted markup, to be sanitised before display.
	 * @return the HTML, or {@code null} when absent
	 */
	public @Nullable String bodyHtml() {
		return field("body-html");
	}

	/**
	 * Returns the text body without quoted parts and signature ({@code stripped-text}).
	 * @return the text, or {@code null} when absent
	 */
	public @Nullable String strippedText() {
		return field("stripped-text");
	}

	/**
	 * Returns the HTML body without quoted parts ({@code stripped-html}).
	 * @return the HTML, or {@code null} when absent
	 */
	public @Nullable String strippedHtml() {
		return field("stripped-html");
	}

	/**
	 * Returns the signature Mailgun found at the end of the text ({@code stripped-signature}).
	 * @return the signature, or {@code null} when absent
	 */
	public @Nullable String strippedSignature() {
		return field("stripped-signature");
	}

	/**
	 * Returns the message's headers in their order, repeats included ({@code message-headers}); empty for a
	 * {@code body-mime} post, whose headers are in the MIME.
	 * @return the headers
	 */
	public List<InboundHeader> headers() {
		return this.headers;
	}

	/**
	 * Returns the values of a header, compared without case, in their order.
	 * @param name the header name
	 * @return the values, empty when the header is absent
	 */
	public List<String> headers(String name) {
		Objects.requireNonNull(name, "name");
		return this.headers.stream().filter((header) -> header.name().equalsIgnoreCase(name))
			.map(InboundHeader::value).toList();
	}

	/**
	 * Returns the first value of a header, compared without case, as written (encoded words left; see
	 * {@link #decodedHeader(String)}).
	 * @param name the header name
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable String header(String name) {
		List<String> values = headers(name);
		return values.isEmpty() ? null : values.get(0);
	}

	/**
	 * Returns the first value of a header with its RFC 2047 encoded words decoded, as a mail reader shows
	 * it (see {@link InboundHeader#decodedValue()}).
	 * @param name the header name, compared without case
	 * @return the decoded value, or {@code null} when absent
	 */
	public @Nullable String decodedHeader(String name) {
		String value = header(name);
		return (value != null) ? EncodedWords.decode(value) : null;
	}

	/**
	 * Returns the attachments, in the order of their fields {@code attachment-1..n}.
	 * @return the attachments
	 */
	public List<InboundAttachment> attachments() {
		return this.attachments;
	}

	/**
	 * Returns the inline parts by content id, as {@code content-id-map} lists them: the content id (with
	 * its angle brackets, as Mailgun posts it) to the attachment's field name.
	 * @return the map, empty when the message has no inline parts
	 */
	public Map<String, String> contentIdMap() {
		return this.contentIdMap;
	}

	/**
	 * Returns the attachment a {@code cid:} reference of the HTML body names.
	 * @param contentId the content id, with or without angle brackets or the {@code cid:} prefix
	 * @return the attachment, or empty when no inline part has that id
	 */
	public Optional<InboundAttachment> attachmentForContentId(String contentId) {
		Objects.requireNonNull(contentId, "contentId");
		String id = contentId.regionMatches(true, 0, "cid:", 0, 4) ? contentId.substring(4) : contentId;
		String bare = (id.startsWith("<") && id.endsWith(">")) ? id.substring(1, id.length() - 1) : id;
		String field = this.contentIdMap.get("<" + bare + ">");
		String fieldName = (field != null) ? field : this.contentIdMap.get(bare);
		return this.attachments.stream().filter((attachment) -> attachment.fieldName().equals(fieldName)).findFirst();
	}

	/**
	 * Returns the raw MIME of a {@code body-mime} post (a route forwarding to a URL ending in {@code mime}).
	 * @return the MIME, or empty for the parsed form
	 */
	public Optional<InboundAttachment> mime() {
		return Optional.ofNullable(this.mime);
	}

	/**
	 * Returns the link to the stored message of a {@code store(notify=...)} post ({@code message-url}).
	 * Fetch it with {@code mailgun.messages().storedMessage(url)}, which sends the API key only to the
	 * configured base URL or an https Mailgun host, and only to a stored-message path: the link comes from
	 * the post's body, so follow it with nothing else.
	 * @return the link, or empty for a post of a {@code forward(...)} route
	 */
	public Optional<String> storedMessageUrl() {
		return Optional.ofNullable(field("message-url"));
	}

	/**
	 * Returns the attachments of a {@code store(notify=...)} post, which lists them as links to the stored
	 * message's attachments ({@code attachments}, JSON) instead of posting files.
	 * @return the attachments' names, types, sizes and links; empty for a {@code forward(...)} post
	 */
	public List<StoredAttachment> storedAttachments() {
		return this.storedAttachments;
	}

	/**
	 * Returns every text field of the post as received, for what this type does not model.
	 * @return the fields and their values, in the order received
	 */
	public Map<String, List<String>> fields() {
		return this.fields;
	}

	/**
	 * Returns the first value of a text field of the post.
	 * @param name the field name, such as {@code X-Mailgun-Variables}
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable String field(String name) {
		List<String> values = this.fields.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/**
	 * Returns the accepted signature's token and time.
	 * @return the verification
	 */
	public WebhookVerification verification() {
		return this.verification;
	}

	/**
	 * Takes ownership of the temporary files: the endpoint no longer deletes them when the listeners
	 * return, and the caller must {@link #close()} the message when done.
	 * @return this message
	 * @throws IllegalStateException when the message is already closed
	 */
	public MailgunInboundMessage retain() {
		if (this.closed.get()) {
			throw new IllegalStateException("MailgunInboundMessage is closed; retain() it in a synchronous listener");
		}
		this.retained.set(true);
		return this;
	}

	/**
	 * Returns whether a listener took ownership of the files with {@link #retain()}.
	 * @return {@code true} when retained
	 */
	public boolean isRetained() {
		return this.retained.get();
	}

	/**
	 * Deletes the temporary files; the attachments cannot be opened afterwards. Closing twice does nothing.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		List<InboundAttachment> files = new ArrayList<>(this.attachments);
		if (this.mime != null) {
			files.add(this.mime);
		}
		IOException failure = null;
		for (InboundAttachment file : files) {
			try {
				file.delete();
			}
			catch (IOException ex) {
				failure = ex;
			}
		}
		if (failure != null) {
			throw new UncheckedIOException("Could not delete a temporary file of a Mailgun inbound message", failure);
		}
	}

	/**
	 * Describes the message by its token, recipient and attachments, without bodies.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "MailgunInboundMessage[token=" + this.verification.token() + ", recipient=" + recipient()
				+ ", attachments=" + this.attachments.size() + ", mime=" + (this.mime != null) + "]";
	}

	private static List<InboundHeader> parseHeaders(@Nullable String json) {
		if (json == null || json.isBlank()) {
			return List.of();
		}
		JsonNode array = readJson(json, "message-headers");
		if (!array.isArray()) {
			throw new IllegalArgumentException("message-headers is not a JSON array");
		}
		List<InboundHeader> headers = new ArrayList<>();
		for (JsonNode pair : array) {
			if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isString() || !pair.get(1).isString()) {
				throw new IllegalArgumentException("message-headers holds an item that is not a [name, value] pair");
			}
			headers.add(new InboundHeader(pair.get(0).stringValue(), pair.get(1).stringValue()));
		}
		return List.copyOf(headers);
	}

	private static Map<String, String> parseContentIdMap(@Nullable String json) {
		if (json == null || json.isBlank()) {
			return Map.of();
		}
		JsonNode object = readJson(json, "content-id-map");
		if (!object.isObject()) {
			throw new IllegalArgumentException("content-id-map is not a JSON object");
		}
		Map<String, String> map = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : object.properties()) {
			if (!entry.getValue().isString()) {
				throw new IllegalArgumentException("content-id-map maps a content id to something other than a field name");
			}
			map.put(entry.getKey(), entry.getValue().stringValue());
		}
		return Collections.unmodifiableMap(map);
	}

	private static List<StoredAttachment> parseStoredAttachments(@Nullable String json) {
		if (json == null || json.isBlank()) {
			return List.of();
		}
		JsonNode array = readJson(json, "attachments");
		if (!array.isArray()) {
			throw new IllegalArgumentException("attachments is not a JSON array");
		}
		return StoredAttachment.listFromJson(Json.mapper().convertValue(array, List.class));
	}

	private static JsonNode readJson(String json, String field) {
		try {
			return Json.mapper().readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(field + " is not JSON", ex);
		}
	}

}
