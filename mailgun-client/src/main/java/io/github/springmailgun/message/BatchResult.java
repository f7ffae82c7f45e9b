package io.github.springmailgun.message;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one request of a batch: which recipients it carried, and Mailgun's answer or the
 * error. A failed request does not stop the others, so every recipient is accounted for.
 *
 * @param index the position of the request in the batch, from 0
 * @param recipients the recipients of this request
 * @param response Mailgun's answer when it accepted the request, else {@code null}
 * @param error why the request failed, else {@code null}
 */
public record BatchResult(int index, List<BatchRecipient> recipients, @Nullable SendResponse response,
		@Nullable Throwable error) {

	/**
	 * Copies the recipients.
	 */
	public BatchResult {
		recipients = List.copyOf(recipients);
	}

	/**
	 * Returns whether Mailgun accepted this request.
	 * @return whether it was accepted
	 */
	public boolean isAccepted() {
		return this.response != null;
	}

}
