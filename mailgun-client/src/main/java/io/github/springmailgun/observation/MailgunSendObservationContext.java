package io.github.springmailgun.observation;

import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of a Mailgun send knows: the domain, the kind of send, how many recipients, and
 * once it ends, the HTTP status and the message id. It is a {@link SenderContext} (a producer, towards
 * {@code mailgun}); with trace correlation on, the client gives it a map as carrier, which a tracing
 * handler injects the trace context into, and sends that as {@link MailgunTraceVariable}. Without it the
 * carrier is {@code null} and nothing is injected.
 */
public class MailgunSendObservationContext extends SenderContext<Map<String, String>> {

	private final String domain;

	private final String operation;

	private final int recipientCount;

	private int statusCode;

	private @Nullable String messageId;

	/**
	 * Creates the context of one send.
	 * @param domain the sending domain
	 * @param operation {@code messages}, {@code mime} or {@code resend}
	 * @param recipientCount the number of recipients of the request
	 */
	public MailgunSendObservationContext(String domain, String operation, int recipientCount) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		}, Kind.PRODUCER);
		setRemoteServiceName("mailgun");
		this.domain = domain;
		this.operation = operation;
		this.recipientCount = recipientCount;
	}

	/**
	 * Returns the sending domain.
	 * @return the domain
	 */
	public String getDomain() {
		return this.domain;
	}

	/**
	 * Returns the kind of send: {@code messages}, {@code mime} or {@code resend}.
	 * @return the operation
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * Returns the number of recipients of the request.
	 * @return the recipient count
	 */
	public int getRecipientCount() {
		return this.recipientCount;
	}

	/**
	 * Returns the HTTP status Mailgun answered with.
	 * @return the status, or 0 when no response arrived
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Sets the HTTP status Mailgun answered with.
	 * @param statusCode the status
	 */
	public void setStatusCode(int statusCode) {
		this.statusCode = statusCode;
	}

	/**
	 * Returns the id Mailgun gave the accepted message.
	 * @return the id, or {@code null}
	 */
	public @Nullable String getMessageId() {
		return this.messageId;
	}

	/**
	 * Sets the id Mailgun gave the accepted message.
	 * @param messageId the id
	 */
	public void setMessageId(@Nullable String messageId) {
		this.messageId = messageId;
	}

}
