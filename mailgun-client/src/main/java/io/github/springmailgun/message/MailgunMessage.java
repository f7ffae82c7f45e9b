package io.github.springmailgun.message;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

	private final @Nullable String from;

	private final List<String> to;

	private final List<String> cc;

	private final List<String> bcc;

	private final @Nullable String subject;

	private final @Nullable String text;

	private final @Nullable String html;

	private final @Nullable String ampHtml;

	private final List<Attachment> attachments;

	private final List<Attachment> inlines;

	private final SendOptions options;

	private final int recipientCount;

	private MailgunMessage(Builder builder, SendOptions options) {
		this.from = builder.from;
		this.to = List.copyOf(builder.to);
		this.cc = List.copyOf(builder.cc);
		this.bcc = List.copyOf(builder.bcc);
		this.subject = builder.subject;
		this.text = builder.text;
		this.html = builder.html;
		this.ampHtml = builder.ampHtml;
		this.attachments = List.copyOf(builder.attachments);
		this.inlines = List.copyOf(builder.inlines);
		this.options = options;
		this.recipientCount = builder.recipientCount;
	}

	private MailgunMessage(MailgunMessage source, @Nullable String from, List<String> to, int recipientCount,
			SendOptions options) {
		this.from = from;
		this.to = to;
		this.cc = source.cc;
		this.bcc = source.bcc;
		this.subject = source.subject;
		this.text = source.text;
		this.html = source.html;
		this.ampHtml = source.ampHtml;
		this.attachments = source.attachments;
		this.inlines = source.inlines;
		this.options = options;
		this.recipientCount = recipientCount;
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
		builder.cc.addAll(this.cc);
		builder.bcc.addAll(this.bcc);
		builder.recipientCount = this.recipientCount;
		builder.subject = this.subject;
		builder.text = this.text;
		builder.html = this.html;
		builder.ampHtml = this.ampHtml;
		builder.attachments.addAll(this.attachments);
		builder.inlines.addAll(this.inlines);
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
		return this.cc;
	}

	/**
	 * Returns the {@code bcc} values.
	 * @return the blind-carbon-copy recipients
	 */
	public List<String> bcc() {
		return this.bcc;
	}

	/**
	 * Returns the subject.
	 * @return the subject, or {@code null}
	 */
	public @Nullable String subject() {
		return this.subject;
	}

	/**
	 * Returns the text body.
	 * @return the text, or {@code null}
	 */
	public @Nullable String text() {
		return this.text;
	}

	/**
	 * Returns the HTML body.
	 * @return the HTML, or {@code null}
	 */
	public @Nullable String html() {
		return this.html;
	}

	/**
	 * Returns the AMP HTML body.
	 * @return the AMP HTML, or {@code null}
	 */
	public @Nullable String ampHtml() {
		return this.ampHtml;
	}

	/**
	 * Returns the attachments.
	 * @return the attachments
	 */
	public List<Attachment> attachments() {
		return this.attachments;
	}

	/**
	 * Returns the inline parts.
	 * @return the inline parts
	 */
	public List<Attachment> inlines() {
		return this.inlines;
	}

	/**
	 * Returns the options: template, {@code o:}, {@code h:}, {@code v:} and raw parameters.
	 * @return the options
	 */
	public SendOptions options() {
		return this.options;
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
		for (Attachment part : this.attachments) {
			if (!part.isRepeatable()) {
				return false;
			}
		}
		for (Attachment part : this.inlines) {
			if (!part.isRepeatable()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns this message with the client's defaults applied where it sets nothing.
	 * @param defaultFrom the default sender, or {@code null}
	 * @param defaultTestMode whether to send in test mode when the message does not say
	 * @return this message, or a copy with the defaults
	 */
	public MailgunMessage withDefaults(@Nullable String defaultFrom, boolean defaultTestMode) {
		boolean applyFrom = this.from == null && defaultFrom != null;
		boolean applyTestMode = this.options.testMode() == null && defaultTestMode;
		if (!applyFrom && !applyTestMode) {
			return this;
		}
		return new MailgunMessage(this, applyFrom ? defaultFrom : this.from, this.to, this.recipientCount,
				applyTestMode ? this.options.withTestMode(true) : this.options);
	}

	/**
	 * Returns this message addressed to a chunk of a batch: the same message with other recipients, so
	 * nothing it already checked is checked or copied again. The addresses were checked when each
	 * {@link BatchRecipient} was created (one address each).
	 */
	MailgunMessage withRecipients(List<BatchRecipient> chunk, String recipientVariables) {
		// Every recipient must be listed in the variables, or Mailgun sends one message showing all.
		List<String> to = chunk.stream().map(BatchRecipient::address).toList();
		return new MailgunMessage(this, this.from, to, chunk.size(),
				this.options.withRecipientVariables(recipientVariables, chunk.size()));
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
		List<FormField> fields = new ArrayList<>(24 + this.to.size() + this.cc.size() + this.bcc.size());
		add(fields, "from", this.from);
		for (String value : this.to) {
			fields.add(new FormField("to", value));
		}
		for (String value : this.cc) {
			fields.add(new FormField("cc", value));
		}
		for (String value : this.bcc) {
			fields.add(new FormField("bcc", value));
		}
		add(fields, "subject", this.subject);
		add(fields, "text", this.text);
		add(fields, "html", this.html);
		add(fields, "amp-html", this.ampHtml);
		this.options.addTo(fields);
		return fields;
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
		return "MailgunMessage[from=" + this.from + ", to=" + this.to + ", cc=" + this.cc + ", bcc=" + this.bcc
				+ ", subject=" + this.subject + ", attachments=" + this.attachments + ", inlines=" + this.inlines
				+ ", options=" + this.options + "]";
	}

	/**
	 * Builds a {@link MailgunMessage}. Each value is checked as it is set; rules that span several
	 * values are checked by {@link #build()}.
	 */
	public static final class Builder extends SendOptionsBuilder<Builder> {

		private @Nullable String from;

		private final List<String> to = new ArrayList<>();

		private final List<String> cc = new ArrayList<>();

		private final List<String> bcc = new ArrayList<>();

		private int recipientCount;

		private @Nullable String subject;

		private @Nullable String text;

		private @Nullable String html;

		private @Nullable String ampHtml;

		private final List<Attachment> attachments = new ArrayList<>();

		private final List<Attachment> inlines = new ArrayList<>();

		private Builder() {
		}

		@Override
		protected Builder self() {
			return this;
		}

		/**
		 * Sets the sender ({@code from}), optionally with a display name: {@code Shop <shop@example.com>}.
		 * @param from the sender
		 * @return this builder
		 */
		public Builder from(String from) {
			int count = Checks.requireAddresses("from", from);
			if (count != 1) {
				throw new MailgunValidationException("from", "must be a single address, was " + count);
			}
			this.from = from;
			return this;
		}

		/**
		 * Adds recipients ({@code to}); each value may be a comma-separated list.
		 * @param to the recipients
		 * @return this builder
		 */
		public Builder to(String... to) {
			return addRecipients("to", this.to, to);
		}

		/**
		 * Adds recipients ({@code to}).
		 * @param to the recipients
		 * @return this builder
		 */
		public Builder to(List<String> to) {
			return to(toArray("to", to));
		}

		/**
		 * Adds carbon-copy recipients ({@code cc}).
		 * @param cc the recipients
		 * @return this builder
		 */
		public Builder cc(String... cc) {
			return addRecipients("cc", this.cc, cc);
		}

		/**
		 * Adds carbon-copy recipients ({@code cc}).
		 * @param cc the recipients
		 * @return this builder
		 */
		public Builder cc(List<String> cc) {
			return cc(toArray("cc", cc));
		}

		/**
		 * Adds blind-carbon-copy recipients ({@code bcc}).
		 * @param bcc the recipients
		 * @return this builder
		 */
		public Builder bcc(String... bcc) {
			return addRecipients("bcc", this.bcc, bcc);
		}

		/**
		 * Adds blind-carbon-copy recipients ({@code bcc}).
		 * @param bcc the recipients
		 * @return this builder
		 */
		public Builder bcc(List<String> bcc) {
			return bcc(toArray("bcc", bcc));
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
			this.attachments.add(requirePart("attachment", attachment));
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
			this.inlines.add(requirePart("inline", inline));
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
			return new MailgunMessage(this, buildOptions().requireRecipientCount(this.recipientCount));
		}

		private Builder addRecipients(String parameter, List<String> target, String @Nullable... values) {
			if (values == null) {
				throw new MailgunValidationException(parameter, "must not be null");
			}
			for (String value : values) {
				this.recipientCount += Checks.requireAddresses(parameter, value);
				target.add(value);
			}
			return this;
		}

		private static String[] toArray(String parameter, @Nullable List<String> values) {
			if (values == null) {
				throw new MailgunValidationException(parameter, "must not be null");
			}
			return values.toArray(String[]::new);
		}

		private static Attachment requirePart(String parameter, @Nullable Attachment part) {
			if (part == null) {
				throw new MailgunValidationException(parameter, "must not be null");
			}
			return part;
		}

	}

}
