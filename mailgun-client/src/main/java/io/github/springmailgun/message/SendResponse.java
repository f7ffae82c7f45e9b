package io.github.springmailgun.message;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * Mailgun's answer to an accepted send.
 *
 * @param id the message id, with angle brackets as Mailgun writes it: {@code <2011...@mg.example.com>}
 * @param message Mailgun's text, usually {@code Queued. Thank you.}
 */
public record SendResponse(@JsonSetter(nulls = Nulls.FAIL) String id, String message) {

	/**
	 * Reads a missing text as empty: the id is what identifies the message.
	 */
	public SendResponse {
		message = (message != null) ? message : "";
	}

	/**
	 * Returns the message id without angle brackets, as it appears in {@code Message-ID} values and events.
	 * @return the bare id
	 */
	public String messageId() {
		String bare = this.id;
		if (bare.startsWith("<") && bare.endsWith(">")) {
			bare = bare.substring(1, bare.length() - 1);
		}
		return bare;
	}

}
