package io.github.springmailgun.message;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;

/**
 * A message for Mailgun's {@code POST /v3/{domain}/messages}: Mailgun builds the MIME from these
 * parts. Immutable; create one with {@link #builder()}.
 *
 * <pre class="code">
 * MailgunMessage message = MailgunMessage.builder()
 *     .from("Shop &lt;shop@mg.example.com&gt;")
 *     .to("alice@example.com")
 *     .subject("Your order")
 *     .text("It ships today.")
 *     .tag("orders")
 *     .build();
 * </pre>
 */
public final class MailgunMessage {

	/** The longest {@link Builder#idempotencyKey(String) idempotency key}, in characters. */
	public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 256;

	private final @Nullable String from;

	private final List<String> to;

	private final Content content;

	private final SendOptions options;

	private final int recipientCount;

	private final @Nullable String idempotencyKey;

	private MailgunMessage(@Nullable String from, List<String> to, Content content, SendOptions options,
			int recipientCount, @Nullable String idempotencyKey) {
		this.from = from;
		this.to = to;
		this.content = content;
		this.options = options;
		this.recipientCount = recipientCount;
		this.idempotencyKey = idempotencyKey;
	}

	/**
	 * Starts a new message.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a builder initialized with this message, to derive another from it.
	 * @return a builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.from = this.from;
		builder.to.addAll(this.to);
		builder.cc.addAll(this.content.cc());
		builder.bcc.addAll(this.content.bcc());
		builder.recipientCount = this.recipientCount;
		builder.subject = this.content.subject();
		builder.text = this.content.text();
		builder.html = this.content.html();
		builder.ampHtml = this.content.ampHtml();
		builder.attachments.addAll(this.content.attachments());
		builder.inlines.addAll(this.content.inlines());
		builder.idempotencyKey = this.idempotencyKey;
		this.options.copyTo(builder);
		return builder;
	}

	/**
	 * Returns the sender ({@code from}).
	 * @return the sender, or {@code null} when the client's default or the template's applies
	 */
	public @Nullable String from() {
		return this.from;
	}

	/**
	 * Returns the {@code to} values, each possibly a comma-separated list.
	 * @return the recipients
	 */
	public List<String> to() {
		return this.to;
	}

	/**
	 * Returns the {@code cc} values.
	 * @return the carbon-copy recipients
	 */
	public List<String> cc() {
		return this.content.cc();
	}

	/**
	 * Returns the {@code bcc} values.
	 * @return the blind-carbon-copy recipients
	 */
	public List<String> bcc() {
		return this.content.bcc();
	}

	/**
	 * Returns the subject.
	 * @return the subject, or {@code null}
	 */
	public @Nullable String subject() {
		return this.content.subject();
	}

	/**
	 * Returns the text body.
	 * @return the text, or {@code null}
	 */
	public @Nullable String text() {
		return this.content.text();
	}

	/**
	 * Returns the HTML body.
	 * @return the HTML, or {@code null}
	 */
	public @Nullable String html() {
		return this.content.html();
	}

	/**
	 * Returns the AMP HTML body.
	 * @return the AMP HTML, or {@code null}
	 */
	public @Nullable String ampHtml() {
		return this.content.ampHtml();
	}

	/**
	 * Returns the attachments.
	 * @return the attachments
	 */
	public List<Attachment> attachments() {
		return this.content.attachments();
	}

	/**
	 * Returns the inline parts.
	 * @return the inline parts
	 */
	public List<Attachment> inlines() {
		return this.content.inlines();
	}

	/**
	 * Returns the options: template, {@code o:}, {@code h:}, {@code v:} and raw parameters.
	 * @return the options
	 */
	public SendOptions options() {
		return this.options;
	}

	/**
	 * Returns the key under which the client sends this message at most once; it is not sent to Mailgun.
	 * @return the key, or {@code null} when every send of this message is a new message
	 */
	public @Nullable String idempotencyKey() {
		return this.idempotencyKey;
	}

	/**
	 * Returns the number of addresses in {@code to}, {@code cc} and {@code bcc} together.
	 * @return the recipient count
	 */
	public int recipientCount() {
		return this.recipientCount;
	}

	/**
	 * Returns whether every part can be read again, so the send can be retried.
	 * @return {@code false} when a part is a stream
	 */
	public boolean isRepeatable() {
		return Stream.concat(attachments().stream(), inlines().stream()).allMatch(Attachment::isRepeatable);
	}

	/**
	 * Returns this message with the client's defaults applied where it sets nothing.
	 * @param defaultFrom the default sender, or {@code null}
	 * @param defaultTestMode whether to send in test mode when the message does not say
	 * @return this message, or a copy with the defaults
	 */
	public MailgunMessage withDefaults(@Nullable String defaultFrom, boolean defaultTestMode) {
		String from = (this.from != null) ? this.from : defaultFrom;
		SendOptions options = this.options.withDefaultTestMode(defaultTestMode);
		// Identity, not equality: a message that takes no default is returned as it is.
		return (from == this.from && options == this.options) ? this
				: new MailgunMessage(from, this.to, this.content, options, this.recipientCount, this.idempotencyKey);
	}

	/**
	 * Returns this message addressed to a chunk of a batch: the same message with other recipients, so
	 * nothing it already checked is checked or copied again. The addresses were checked when each
	 * {@link BatchRecipient} was created (one address each).
	 */
	MailgunMessage withRecipients(List<BatchRecipient> chunk, String recipientVariables) {
		// Every recipient must be listed in the variables, or Mailgun sends one message showing all.
		List<String> to = chunk.stream().map(BatchRecipient::address).toList();
		return new MailgunMessage(this.from, to, this.content,
				this.options.withRecipientVariables(recipientVariables, chunk.size()), chunk.size(), null);
	}

	/**
	 * Checks what a send needs beyond a well-formed message: a recipient, and a sender unless a template
	 * provides one.
	 * @throws MailgunValidationException when one is missing
	 */
	public void requireSendable() {
		if (this.to.isEmpty()) {
			throw new MailgunValidationException("to", "at least one recipient is required");
		}
		if (this.from == null && this.options.template() == null) {
			throw new MailgunValidationException("from",
					"is required (set it on the message or as the client's default-from)");
		}
	}

	/**
	 * Returns the text fields of the request, as they go on the wire, in order.
	 * @return the fields (files excluded)
	 */
	public List<FormField> formFields() {
		List<FormField> fields = new ArrayList<>(24 + this.to.size() + this.content.cc().size() + this.content.bcc().size());
		add(fields, "from", this.from);
		addAll(fields, "to", this.to);
		addAll(fields, "cc", cc());
		addAll(fields, "bcc", bcc());
		add(fields, "subject", this.content.subject());
		add(fields, "text", this.content.text());
		add(fields, "html", this.content.html());
		add(fields, "amp-html", this.content.ampHtml());
		this.options.addTo(fields);
		return fields;
	}

	static void addAll(List<FormField> fields, String name, List<String> values) {
		for (String value : values) {
			fields.add(new FormField(name, value));
		}
	}

	private static void add(List<FormField> fields, String name, @Nullable String value) {
		if (value != null) {
			fields.add(new FormField(name, value));
		}
	}

	/**
	 * Describes the message without its bodies.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "MailgunMessage[from=" + this.from + ", to=" + this.to + ", cc=" + cc() + ", bcc=" + bcc()
				+ ", subject=" + subject() + ", attachments=" + attachments() + ", inlines=" + inlines()
				+ ", options=" + this.options + "]";
	}

	/**
	 * Builds a {@link MailgunMessage}. Each value is checked as it is set; rules that span several
	 * values are checked by {@link #build()}.
	 */
	public static final class Builder extends SendOptionsBuilder<Builder> {

		private @Nullable String from;

		private final List<String> cc = new ArrayList<>();

		private final List<String> bcc = new ArrayList<>();

		private @Nullable String subject;

		private @Nullable String text;

		private @Nullable String html;

		private @Nullable String ampHtml;

		private final List<Attachment> attachments = new ArrayList<>();

		private final List<Attachment> inlines = new ArrayList<>();

		private @Nullable String idempotencyKey;

		private Builder() {
		}

		/**
		 * Sets the key under which the client sends this message at most once, for example an order id: a
		 * repeat with the same key and the same message returns the first send's answer without calling
		 * Mailgun (see {@code SendIdempotencyStore}). The key stays in the client: Mailgun never sees it.
		 * @param idempotencyKey the key, on one line, at most 256 characters
		 * @return this builder
		 */
		public Builder idempotencyKey(String idempotencyKey) {
			String key = Checks.requireLine("idempotency-key", idempotencyKey);
			if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
				throw new MailgunValidationException("idempotency-key",
						"must be at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters, was " + key.length());
			}
			this.idempotencyKey = key;
			return this;
		}

		/**
		 * Sets the sender ({@code from}), optionally with a display name: {@code Shop <shop@example.com>}.
		 * @param from the sender
		 * @return this builder
		 */
		public Builder from(String from) {
			this.from = Checks.requireSingleAddress("from", from);
			return this;
		}

		/**
		 * Adds carbon-copy recipients ({@code cc}).
		 * @param cc the recipients
		 * @return this builder
		 */
		public Builder cc(String... cc) {
			return cc(Arrays.asList(Checks.requireValue("cc", cc)));
		}

		/**
		 * Adds carbon-copy recipients ({@code cc}).
		 * @param cc the recipients
		 * @return this builder
		 */
		public Builder cc(List<String> cc) {
			return recipients("cc", this.cc, cc);
		}

		/**
		 * Adds blind-carbon-copy recipients ({@code bcc}).
		 * @param bcc the recipients
		 * @return this builder
		 */
		public Builder bcc(String... bcc) {
			return bcc(Arrays.asList(Checks.requireValue("bcc", bcc)));
		}

		/**
		 * Adds blind-carbon-copy recipients ({@code bcc}).
		 * @param bcc the recipients
		 * @return this builder
		 */
		public Builder bcc(List<String> bcc) {
			return recipients("bcc", this.bcc, bcc);
		}

		/**
		 * Removes every {@code to} recipient (for deriving messages with other recipients).
		 * @return this builder
		 */
		public Builder clearTo() {
			for (String value : this.to) {
				this.recipientCount -= Checks.splitAddressList(value).size();
			}
			this.to.clear();
			return this;
		}

		/**
		 * Sets the subject.
		 * @param subject the subject, on one line
		 * @return this builder
		 */
		public Builder subject(String subject) {
			this.subject = Checks.requireSingleLine("subject", subject);
			return this;
		}

		/**
		 * Sets the text body ({@code text}).
		 * @param text the text
		 * @return this builder
		 */
		public Builder text(String text) {
			this.text = Checks.requireValue("text", text);
			return this;
		}

		/**
		 * Sets the HTML body ({@code html}).
		 * @param html the HTML
		 * @return this builder
		 */
		public Builder html(String html) {
			this.html = Checks.requireValue("html", html);
			return this;
		}

		/**
		 * Sets the AMP HTML body ({@code amp-html}).
		 * @param ampHtml the AMP HTML
		 * @return this builder
		 */
		public Builder ampHtml(String ampHtml) {
			this.ampHtml = Checks.requireValue("amp-html", ampHtml);
			return this;
		}

		/**
		 * Adds an attachment ({@code attachment}, repeatable).
		 * @param attachment the attachment
		 * @return this builder
		 */
		public Builder attachment(Attachment attachment) {
			this.attachments.add(Checks.requireValue("attachment", attachment));
			return this;
		}

		/**
		 * Adds a file as an attachment, named after the file.
		 * @param path the file
		 * @return this builder
		 */
		public Builder attachment(Path path) {
			return attachment(Attachment.of(path));
		}

		/**
		 * Adds a resource as an attachment, named after the resource.
		 * @param resource the resource
		 * @return this builder
		 */
		public Builder attachment(Resource resource) {
			return attachment(Attachment.of(resource));
		}

		/**
		 * Adds an inline part ({@code inline}, repeatable), referenced from HTML as {@code cid:<filename>}.
		 * @param inline the part
		 * @return this builder
		 */
		public Builder inline(Attachment inline) {
			this.inlines.add(Checks.requireValue("inline", inline));
			return this;
		}

		/**
		 * Adds a file as an inline part, referenced as {@code cid:<file name>}.
		 * @param path the file
		 * @return this builder
		 */
		public Builder inline(Path path) {
			return inline(Attachment.of(path));
		}

		/**
		 * Adds a resource as an inline part, referenced as {@code cid:<file name>}.
		 * @param resource the resource
		 * @return this builder
		 */
		public Builder inline(Resource resource) {
			return inline(Attachment.of(resource));
		}

		/**
		 * Builds the message, checking the rules that span several values.
		 * @return the message
		 * @throws MailgunValidationException when Mailgun would reject the message for its shape
		 */
		public MailgunMessage build() {
			if (this.text == null && this.html == null && this.ampHtml == null && !hasTemplate()) {
				throw new MailgunValidationException("text",
						"need at least one of 'text', 'html', 'amp-html' or 'template'");
			}
			if (this.html != null && hasTemplate()) {
				throw new MailgunValidationException("html", "only one of 'html' or 'template' is allowed");
			}
			Content content = new Content(List.copyOf(this.cc), List.copyOf(this.bcc), this.subject, this.text, this.html,
					this.ampHtml, List.copyOf(this.attachments), List.copyOf(this.inlines));
			return new MailgunMessage(this.from, List.copyOf(this.to), content, buildOptions(), this.recipientCount,
					this.idempotencyKey);
		}

	}

	/** What a message says, shared by the copies made for the client's defaults and for batch chunks. */
	private record Content(List<String> cc, List<String> bcc, @Nullable String subject, @Nullable String text,
			@Nullable String html, @Nullable String ampHtml, List<Attachment> attachments, List<Attachment> inlines) {
	}

}
