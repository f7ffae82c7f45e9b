package io.github.springmailgun.message;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;

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

	private final int concurrency;

	/**
	 * Whether every recipient's variables are plain JSON data and its bare address needs no escaping:
	 * building a request cannot fail, and its JSON is written without checking each value again.
	 */
	private final boolean plainVariables;

	private BatchMessage(MailgunMessage message, List<BatchRecipient> recipients, int chunkSize, int concurrency) {
		this.message = message;
		this.recipients = List.copyOf(recipients);
		this.chunkSize = chunkSize;
		this.concurrency = concurrency;
		this.plainVariables = this.recipients.stream()
			.allMatch(recipient -> JsonText.isPlainString(recipient.bareAddress())
					&& JsonText.isPlain(recipient.variables()));
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
		List<List<BatchRecipient>> chunks = new ArrayList<>((this.recipients.size() + this.chunkSize - 1) / this.chunkSize);
		for (int start = 0; start < this.recipients.size(); start += this.chunkSize) {
			chunks.add(this.recipients.subList(start, Math.min(start + this.chunkSize, this.recipients.size())));
		}
		return chunks;
	}

	/**
	 * Returns the requests the batch is sent as, one per chunk: its message with the client's defaults,
	 * addressed to the chunk's recipients with their recipient variables. When every variable is plain
	 * JSON data (strings, integers, booleans, {@code null}, lists and maps of them), building a request
	 * cannot fail, and each is built when it is read, so a sender encodes the next request while earlier
	 * ones are on the wire and holds only those in flight. Otherwise every request is built here, so that a
	 * variable that cannot be written as JSON fails the batch before anything is sent.
	 * @param defaultFrom the client's default sender, or {@code null}
	 * @param defaultTestMode whether the client sends in test mode when the message does not say
	 * @return the messages, in the order of {@link #chunks()}
	 * @throws MailgunValidationException when a recipient's variables cannot be written as JSON
	 */
	public List<MailgunMessage> requests(@Nullable String defaultFrom, boolean defaultTestMode) {
		MailgunMessage base = this.message.withDefaults(defaultFrom, defaultTestMode);
		List<List<BatchRecipient>> chunks = chunks();
		if (this.plainVariables) {
			return new ChunkRequests(base, chunks);
		}
		List<MailgunMessage> requests = new ArrayList<>(chunks.size());
		for (List<BatchRecipient> chunk : chunks) {
			requests.add(request(base, chunk, false));
		}
		return requests;
	}

	private static MailgunMessage request(MailgunMessage base, List<BatchRecipient> chunk, boolean plainVariables) {
		return base.withRecipients(chunk, plainVariables);
	}

	/** The requests of a batch with plain variables, each built when it is read. */
	private static final class ChunkRequests extends AbstractList<MailgunMessage> implements RandomAccess {

		private final MailgunMessage base;

		private final List<List<BatchRecipient>> chunks;

		ChunkRequests(MailgunMessage base, List<List<BatchRecipient>> chunks) {
			this.base = base;
			this.chunks = chunks;
		}

		@Override
		public MailgunMessage get(int index) {
			return request(this.base, this.chunks.get(index), true);
		}

		@Override
		public int size() {
			return this.chunks.size();
		}

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
			if (message == null) {
				throw new MailgunValidationException("message", "must not be null");
			}
			this.message = message;
		}

		/**
		 * Adds a recipient with variables.
		 * @param recipient the recipient
		 * @return this builder
		 */
		public Builder recipient(BatchRecipient recipient) {
			if (recipient == null) {
				throw new MailgunValidationException("to", "must not be null");
			}
			this.recipients.add(recipient);
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
			if (chunkSize < 1 || chunkSize > SendOptions.MAX_BATCH_RECIPIENTS) {
				throw new MailgunValidationException("recipient-variables",
						"chunk size must be between 1 and 1000, was " + chunkSize);
			}
			this.chunkSize = chunkSize;
			return this;
		}

		/**
		 * Sets how many requests may be in flight at once.
		 * @param concurrency at least 1
		 * @return this builder
		 */
		public Builder concurrency(int concurrency) {
			if (concurrency < 1) {
				throw new MailgunValidationException("concurrency", "must be at least 1, was " + concurrency);
			}
			this.concurrency = concurrency;
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
			return new BatchMessage(this.message, this.recipients, this.chunkSize, this.concurrency);
		}

	}

}
