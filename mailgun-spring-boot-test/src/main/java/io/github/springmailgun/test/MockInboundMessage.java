package io.github.springmailgun.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A message the {@link MailgunMockServer} receives as Mailgun's inbound servers would, for
 * {@link MockInbound#receive(MockInboundMessage)}: the routes that match its recipient decide where it is
 * posted.
 *
 * <pre class="code">
 * mock.receive(MockInboundMessage.builder("jane@example.com", "support@mg.example.com")
 *     .subject("Help")
 *     .text("It broke.")
 *     .attachment("log.txt", "text/plain", bytes)
 *     .build());
 * </pre>
 *
 * @param from the sender's address, also the envelope sender
 * @param recipient the recipient the routes are matched against
 * @param subject the subject
 * @param text the plain-text body, or {@code null}
 * @param html the HTML body, or {@code null}
 * @param headers extra headers as name and value pairs, in order (From, To and Subject are added; the
 * builder adds a {@code Message-Id} when none is given, as every real mail has one)
 * @param attachments the attachments, then the inline images (those with a content id)
 */
public record MockInboundMessage(String from, String recipient, String subject, @Nullable String text,
		@Nullable String html, List<Map.Entry<String, String>> headers, List<MockAttachment> attachments) {

	/**
	 * Checks the values and copies the lists.
	 */
	public MockInboundMessage {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(recipient, "recipient");
		Objects.requireNonNull(subject, "subject");
		headers = List.copyOf(headers);
		attachments = List.copyOf(attachments);
	}

	/**
	 * Starts describing a message.
	 * @param from the sender's address
	 * @param recipient the recipient
	 * @return a builder
	 */
	public static Builder builder(String from, String recipient) {
		return new Builder(from, recipient);
	}

	/**
	 * Returns every header of the message as Mailgun lists them in {@code message-headers}.
	 * @return the headers, From, To and Subject first
	 */
	public List<Map.Entry<String, String>> allHeaders() {
		List<Map.Entry<String, String>> all = new ArrayList<>();
		all.add(Map.entry("From", this.from));
		all.add(Map.entry("To", this.recipient));
		all.add(Map.entry("Subject", this.subject));
		all.addAll(this.headers);
		return all;
	}

	/**
	 * The text fields of Mailgun's parsed form, in its order: {@code recipient}, {@code sender} (the bare
	 * address of {@code from}), {@code from}, {@code subject}, then the bodies and their stripped parts
	 * ({@link ReplyParts}).
	 */
	Map<String, String> parsedFields() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("recipient", this.recipient);
		String sender = Addresses.bareAddress(this.from);
		fields.put("sender", (sender != null) ? sender : this.from);
		fields.put("from", this.from);
		fields.put("subject", this.subject);
		// The stripped parts as Mailgun's parser finds them, roughly (see ReplyParts).
		if (this.text != null) {
			fields.put("body-plain", this.text);
			fields.put("stripped-text", ReplyParts.strippedText(this.text));
		}
		fields.put("stripped-signature", (this.text != null) ? ReplyParts.signature(this.text) : "");
		if (this.html != null) {
			fields.put("body-html", this.html);
			fields.put("stripped-html", ReplyParts.strippedHtml(this.html));
		}
		return fields;
	}

	/**
	 * Builds a {@link MockInboundMessage}.
	 */
	public static final class Builder {

		private final String from;

		private final String recipient;

		private String subject = "";

		private @Nullable String text;

		private @Nullable String html;

		private final List<Map.Entry<String, String>> headers = new ArrayList<>();

		private final List<MockAttachment> attachments = new ArrayList<>();

		private Builder(String from, String recipient) {
			this.from = Objects.requireNonNull(from, "from");
			this.recipient = Objects.requireNonNull(recipient, "recipient");
		}

		/**
		 * Sets the subject.
		 * @param subject the subject
		 * @return this builder
		 */
		public Builder subject(String subject) {
			this.subject = Objects.requireNonNull(subject, "subject");
			return this;
		}

		/**
		 * Sets the plain-text body.
		 * @param text the body
		 * @return this builder
		 */
		public Builder text(String text) {
			this.text = Objects.requireNonNull(text, "text");
			return this;
		}

		/**
		 * Sets the HTML body.
		 * @param html the body
		 * @return this builder
		 */
		public Builder html(String html) {
			this.html = Objects.requireNonNull(html, "html");
			return this;
		}

		/**
		 * Adds a header; routes with {@code match_header} see it.
		 * @param name the name
		 * @param value the value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			this.headers.add(Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
			return this;
		}

		/**
		 * Adds an attachment.
		 * @param fileName the file name
		 * @param contentType the content type
		 * @param content the bytes
		 * @return this builder
		 */
		public Builder attachment(String fileName, String contentType, byte[] content) {
			this.attachments.add(new MockAttachment("attachment", fileName, contentType, content));
			return this;
		}

		/**
		 * Adds an inline image, listed in {@code content-id-map} under its content id.
		 * @param contentId the content id, without angle brackets
		 * @param fileName the file name
		 * @param contentType the content type
		 * @param content the bytes
		 * @return this builder
		 */
		public Builder inline(String contentId, String fileName, String contentType, byte[] content) {
			Objects.requireNonNull(contentId, "contentId");
			this.attachments.add(new MockAttachment(MockAttachment.INLINE + contentId, fileName, contentType, content));
			return this;
		}

		/**
		 * Builds the message.
		 * @return the message
		 */
		public MockInboundMessage build() {
			List<Map.Entry<String, String>> headers = new ArrayList<>(this.headers);
			if (headers.stream().noneMatch((header) -> header.getKey().equalsIgnoreCase("Message-Id"))) {
				// Real mail always has one, and a reply-by-email flow threads on it.
				String address = Addresses.bareAddress(this.from);
				String domain = (address != null && address.contains("@")) ? address.substring(address.indexOf('@') + 1)
						: "mock.mailgun.invalid";
				headers.add(Map.entry("Message-Id", "<" + UUID.randomUUID() + "@" + domain + ">"));
			}
			return new MockInboundMessage(this.from, this.recipient, this.subject, this.text, this.html, headers,
					this.attachments);
		}

	}

}
