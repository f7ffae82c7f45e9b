package io.github.springmailgun.mail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.springmailgun.error.MailgunException;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailSendException;

/**
 * Some messages of a {@link MailgunJavaMailSender#send} call were not sent for certain.
 * {@link #getFailedMessages()} holds only the messages Mailgun refused or never received, which are safe
 * to send again (what Spring's mail code and generic retry code expect of it);
 * {@link #getOutcomeUnknownMessages()} holds those Mailgun may have accepted (a server error, a
 * connection lost or a response cut off after the request was written), which sending again may deliver
 * twice.
 */
public class MailgunMailSendException extends MailSendException {

	private final transient Map<Object, Exception> outcomeUnknownMessages;

	/**
	 * Creates an exception for the messages of one call that were not sent for certain.
	 * @param failedMessages the messages Mailgun did not accept, with their failures, in order
	 * @param outcomeUnknownMessages the messages Mailgun may have accepted, with their failures, in order
	 */
	public MailgunMailSendException(Map<Object, Exception> failedMessages, Map<Object, Exception> outcomeUnknownMessages) {
		super(summary(failedMessages.size(), outcomeUnknownMessages.size()), firstOf(outcomeUnknownMessages),
				new LinkedHashMap<>(failedMessages));
		this.outcomeUnknownMessages = Collections.unmodifiableMap(new LinkedHashMap<>(outcomeUnknownMessages));
	}

	/**
	 * Returns the messages Mailgun may have accepted although their send failed; each failure's
	 * {@link MailgunException#isOutcomeUnknown()} is {@code true}. Look for them in the events or logs (by a
	 * {@code v:} variable or header you set) before sending them again.
	 * @return the messages, in the order they were passed, with their failures
	 */
	public Map<Object, Exception> getOutcomeUnknownMessages() {
		return this.outcomeUnknownMessages;
	}

	private static String summary(int failed, int outcomeUnknown) {
		return plural(failed, "message") + " failed; " + plural(outcomeUnknown, "message")
				+ " may have been accepted by Mailgun and " + ((outcomeUnknown == 1) ? "is" : "are")
				+ " not among the failed messages (sending again may deliver twice)";
	}

	private static String plural(int count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

	private static @Nullable Exception firstOf(Map<Object, Exception> failures) {
		return failures.values().stream().findFirst().orElse(null);
	}

}
