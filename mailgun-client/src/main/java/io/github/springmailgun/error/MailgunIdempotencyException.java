package io.github.springmailgun.error;

/**
 * A send with an idempotency key that the client refused without calling Mailgun, because an earlier
 * send under the same key is still running, was a different message, or ended with an unknown outcome.
 * The message names the key and the reason, never the message's content.
 */
public class MailgunIdempotencyException extends MailgunException {

	private final String idempotencyKey;

	private final Reason reason;

	/**
	 * Creates an exception for a refused send.
	 * @param idempotencyKey the key of the send
	 * @param reason why it was refused
	 */
	public MailgunIdempotencyException(String idempotencyKey, Reason reason) {
		super("Send with idempotency key '" + idempotencyKey + "' refused: " + reason.description);
		this.idempotencyKey = idempotencyKey;
		this.reason = reason;
	}

	/**
	 * Returns the idempotency key of the refused send.
	 * @return the key
	 */
	public String getIdempotencyKey() {
		return this.idempotencyKey;
	}

	/**
	 * Returns why the send was refused.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Returns whether the message may have been sent under this key: by a send still in flight or one
	 * whose outcome is unknown.
	 * @return {@code false} only for a {@link Reason#MISMATCH}
	 */
	@Override
	public boolean isOutcomeUnknown() {
		return this.reason != Reason.MISMATCH;
	}

	/**
	 * Why a send with an idempotency key was refused.
	 */
	public enum Reason {

		/** An earlier send with this key is still running; try again after it finished. */
		IN_FLIGHT("an earlier send with this key is still in flight"),

		/** An earlier send with this key carried a different request (or went to another domain). */
		MISMATCH("an earlier send with this key carried a different message or domain"),

		/**
		 * An earlier send with this key may or may not have reached Mailgun (a timeout, a server error, a
		 * transport failure, or an instance that stopped mid-send); look for it in the events before
		 * sending it under a new key.
		 */
		UNKNOWN_OUTCOME("an earlier send with this key may or may not have reached Mailgun");

		private final String description;

		Reason(String description) {
			this.description = description;
		}

	}

}
