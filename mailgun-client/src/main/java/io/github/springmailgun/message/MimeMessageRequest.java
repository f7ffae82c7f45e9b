package io.github.springmailgun.message;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;

/**
 * A message built as MIME by the caller, for Mailgun's {@code POST /v3/{domain}/messages.mime}. The
 * {@code to} list is the envelope: every recipient, Bcc included. The MIME itself should carry no
 * {@code Bcc} header. Create one with {@link #builder()}.
 */
public final class MimeMessageRequest {

	/** Media type of the {@code message} part. */
	public static final String MIME_CONTENT_TYPE = "message/rfc822";

	private final List<String> to;

	private final Attachment message;

	private final SendOptions options;

	private final int recipientCount;

	private MimeMessageRequest(List<String> to, Attachment message, SendOptions options, int recipientCount) {
		this.to = List.copyOf(to);
		this.message = message;
		this.options = options;
		this.recipientCount = recipientCount;
	}

	/**
	 * Starts a new request.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the envelope recipients ({@code to}).
	 * @return the recipients
	 */
	public List<String> to() {
		return this.to;
	}

	/**
	 * Returns the MIME content, sent as the file part {@code message}.
	 * @return the MIME part
	 */
	public Attachment message() {
		return this.message;
	}

	/**
	 * Returns the options.
	 * @return the options
	 */
	public SendOptions options() {
		return this.options;
	}

	/**
	 * Returns the number of envelope recipients.
	 * @return the recipient count
	 */
	public int recipientCount() {
		return this.recipientCount;
	}

	/**
	 * Returns whether the MIME can be read again, so the send can be retried.
	 * @return {@code false} when it is a stream
	 */
	public boolean isRepeatable() {
		return this.message.isRepeatable();
	}

	/**
	 * Returns this request with the client's test-mode default applied when it sets none.
	 * @param defaultTestMode whether to send in test mode when the request does not say
	 * @return this request, or a copy
	 */
	public MimeMessageRequest withDefaults(boolean defaultTestMode) {
		SendOptions options = this.options.withDefaultTestMode(defaultTestMode);
		return (options == this.options) ? this
				: new MimeMessageRequest(this.to, this.message, options, this.recipientCount);
	}

	/**
	 * Returns the text fields of the request, as they go on the wire.
	 * @return the fields (the MIME part excluded)
	 */
	public List<FormField> formFields() {
		List<FormField> fields = new ArrayList<>(this.to.size() + 16);
		MailgunMessage.addAll(fields, "to", this.to);
		this.options.addTo(fields);
		return fields;
	}

	/**
	 * Describes the request without its content.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "MimeMessageRequest[to=" + this.to + ", message=" + this.message + ", options=" + this.options + "]";
	}

	/**
	 * Builds a {@link MimeMessageRequest}.
	 */
	public static final class Builder extends SendOptionsBuilder<Builder> {

		private @Nullable Attachment message;

		private Builder() {
		}

		/**
		 * Sets the MIME from bytes.
		 * @param mime the MIME message
		 * @return this builder
		 */
		public Builder message(byte[] mime) {
			this.message = Attachment.of("message.mime", mime, MIME_CONTENT_TYPE);
			return this;
		}

		/**
		 * Sets the MIME from a resource, streamed when sent.
		 * @param mime the MIME message
		 * @return this builder
		 */
		public Builder message(Resource mime) {
			this.message = Attachment.of("message.mime", mime, MIME_CONTENT_TYPE);
			return this;
		}

		/**
		 * Sets the MIME from a file, streamed when sent.
		 * @param mime the file holding the MIME message
		 * @return this builder
		 */
		public Builder message(Path mime) {
			this.message = Attachment.of(mime, MIME_CONTENT_TYPE);
			return this;
		}

		/**
		 * Sets the MIME from a stream; a send with a stream is never retried.
		 * @param mime the MIME message, closed after the send
		 * @return this builder
		 */
		public Builder message(InputStream mime) {
			this.message = Attachment.of("message.mime", mime, MIME_CONTENT_TYPE);
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 * @throws MailgunValidationException when a recipient or the MIME is missing, or options break a rule
		 */
		public MimeMessageRequest build() {
			if (this.to.isEmpty()) {
				throw new MailgunValidationException("to", "at least one recipient is required");
			}
			if (this.message == null) {
				throw new MailgunValidationException("message", "the MIME message is required");
			}
			return new MimeMessageRequest(this.to, this.message, buildOptions(), this.recipientCount);
		}

	}

}
