package io.github.springmailgun.message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

/**
 * One message sent to many recipients, each receiving a personal copy rendered with its own variables.
 * The client splits the recipients into requests of at most {@link #chunkSize()} (1,000, Mailgun's
 * limit) and sends up to {@link #concurrency()} of them at once.
 */
public final class BatchMessage {

	/** Default number of requests in flight. */
	public static final int DEFAULT_CONCURRENCY = 4;

	private final MailgunMessage message;

	private final List<BatchRecipient> recipients;

	private final int chunkSize;

	private final List<List<BatchRecipient>> chunks;

	private final int concurrency;

	/**
	 * Each chunk's {@code recipient-variables}, written while the recipients are read for the first time
	 * (checking and writing in one pass), or {@code null} for a chunk where a variable needs Jackson. About
	 * 80 bytes a recipient, kept with the batch: a request is then its message with other recipients and
	 * this text.
	 */
	private final List<@Nullable String> chunkVariables;

	private BatchMessage(MailgunMessage message, List<BatchRecipient> recipients, int chunkSize, int concurrency) {
		this.message = message;
		this.recipients = List.copyOf(recipients);
		this.chunkSize = chunkSize;
		this.concurrency = concurrency;
		this.chunks = IntStream.iterate(0, start -> start < this.recipients.size(), start -> start + chunkSize)
			.mapToObj(start -> this.recipients.subList(start, Math.min(start + chunkSize, this.recipients.size())))
			.toList();
		this.chunkVariables = this.chunks.stream().<@Nullable String>map(JsonText::recipientVariables).toList();
	}

	/**
	 * Starts a batch of the given message; its own {@code to} recipients are replaced by the batch's.
	 * @param message the message every recipient receives
	 * @return a builder
	 */
	public static Builder of(MailgunMessage message) {
		return new Builder(message);
	}

	/**
	 * Returns the message every recipient receives.
	 * @return the message
	 */
	public MailgunMessage message() {
		return this.message;
	}

	/**
	 * Returns the recipients, in order.
	 * @return the recipients
	 */
	public List<BatchRecipient> recipients() {
		return this.recipients;
	}

	/**
	 * Returns how many recipients go in one request.
	 * @return the chunk size, at most 1,000
	 */
	public int chunkSize() {
		return this.chunkSize;
	}

	/**
	 * Returns how many requests may be in flight at once.
	 * @return the concurrency
	 */
	public int concurrency() {
		return this.concurrency;
	}

	/**
	 * Splits the recipients into chunks of {@link #chunkSize()}.
	 * @return the chunks, in order
	 */
	public List<List<BatchRecipient>> chunks() {
		return this.chunks;
	}

	/**
	 * Returns the requests the batch is sent as, one per chunk: its message with the client's defaults,
	 * addressed to the chunk's recipients with their recipient variables. Each is the same message with
	 * other recipients: nothing checked when the message was built is checked or copied again. Variables
	 * that are not plain JSON data (strings, integers, booleans, {@code null}, lists and maps of them) are
	 * written by Jackson here, so that one that cannot be written fails the batch before anything is sent.
	 * @param defaultFrom the client's default sender, or {@code null}
	 * @param defaultTestMode whether the client sends in test mode when the message does not say
	 * @return the messages, in the order of {@link #chunks()}
	 * @throws MailgunValidationException when a recipient's variables cannot be written as JSON
	 */
	public List<MailgunMessage> requests(@Nullable String defaultFrom, boolean defaultTestMode) {
		MailgunMessage base = this.message.withDefaults(defaultFrom, defaultTestMode);
		return IntStream.range(0, this.chunks.size()).mapToObj(i -> {
			String json = this.chunkVariables.get(i);
			return base.withRecipients(this.chunks.get(i), (json != null) ? json : jackson(this.chunks.get(i)));
		}).toList();
	}

	private static String jackson(List<BatchRecipient> chunk) {
		// Two recipients with the same address: the last one's variables, as with the plain writer.
		return JsonText.write("recipient-variables", chunk.stream()
			.collect(Collectors.toMap(BatchRecipient::bareAddress, BatchRecipient::variables, (first, last) -> last,
					LinkedHashMap::new)));
	}

	/**
	 * Builds a {@link BatchMessage}.
	 */
	public static final class Builder {

		private final MailgunMessage message;

		private final List<BatchRecipient> recipients = new ArrayList<>();

		private int chunkSize = SendOptions.MAX_BATCH_RECIPIENTS;

		private int concurrency = DEFAULT_CONCURRENCY;

		private Builder(MailgunMessage message) {
			this.message = Checks.requireValue("message", message);
			// One key for many requests would make every request after the first a mismatch.
			if (message.idempotencyKey() != null) {
				throw new MailgunValidationException("idempotency-key",
						"is not supported on a batch; send each message with its own key instead");
			}
		}

		/**
		 * Adds a recipient with variables.
		 * @param recipient the recipient
		 * @return this builder
		 */
		public Builder recipient(BatchRecipient recipient) {
			this.recipients.add(Checks.requireValue("to", recipient));
			return this;
		}

		/**
		 * Adds recipients.
		 * @param recipients the recipients
		 * @return this builder
		 */
		public Builder recipients(Collection<BatchRecipient> recipients) {
			recipients.forEach(this::recipient);
			return this;
		}

		/**
		 * Sets how many recipients go in one request, 1 to 1,000.
		 * @param chunkSize the chunk size
		 * @return this builder
		 */
		public Builder chunkSize(int chunkSize) {
			this.chunkSize = Checks.require("recipient-variables", chunkSize,
					(size) -> size >= 1 && size <= SendOptions.MAX_BATCH_RECIPIENTS, "a chunk size between 1 and 1000");
			return this;
		}

		/**
		 * Sets how many requests may be in flight at once.
		 * @param concurrency at least 1
		 * @return this builder
		 */
		public Builder concurrency(int concurrency) {
			this.concurrency = Checks.require("concurrency", concurrency, (value) -> value >= 1, "at least 1");
			return this;
		}

		/**
		 * Builds the batch.
		 * @return the batch
		 */
		public BatchMessage build() {
			if (this.recipients.isEmpty()) {
				throw new MailgunValidationException("to", "a batch needs at least one recipient");
			}
			if (this.message.options().hasRecipientVariables()) {
				throw new MailgunValidationException("recipient-variables",
						"is set per recipient by the batch; do not set it on the batch's message");
			}
			int requests = (this.recipients.size() + this.chunkSize - 1) / this.chunkSize;
			if (requests > 1) {
				// Every request reads every part: a stream would be empty from the second request on.
				Stream.concat(this.message.attachments().stream(), this.message.inlines().stream())
					.filter((part) -> !part.isRepeatable())
					.findFirst()
					.ifPresent((part) -> {
						throw new MailgunValidationException("attachment", "'" + part.filename()
								+ "' is a stream, read once, and this batch makes " + requests
								+ " requests; give it as a file, a byte array or another Resource that can be read again");
					});
			}
			return new BatchMessage(this.message, this.recipients, this.chunkSize, this.concurrency);
		}

	}

}
