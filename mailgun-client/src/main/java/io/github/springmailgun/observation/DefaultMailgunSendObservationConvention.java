package io.github.springmailgun.observation;

import io.github.springmailgun.error.MailgunApiException;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default names and tags of {@code mailgun.send}: low-cardinality {@code mailgun.domain},
 * {@code mailgun.operation}, {@code outcome}, {@code status} and {@code error}; high-cardinality
 * {@code mailgun.message.id}.
 */
public class DefaultMailgunSendObservationConvention implements MailgunSendObservationConvention {

	/** The observation (and timer) name. */
	public static final String NAME = "mailgun.send";

	/** A shared instance. */
	public static final DefaultMailgunSendObservationConvention INSTANCE = new DefaultMailgunSendObservationConvention();

	private static final KeyValue NO_ERROR = KeyValue.of("error", "none");

	private static final KeyValue NO_STATUS = KeyValue.of("status", "NONE");

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(MailgunSendObservationContext context) {
		return "mailgun " + context.getOperation();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MailgunSendObservationContext context) {
		return KeyValues.of(KeyValue.of("mailgun.domain", context.getDomain()),
				KeyValue.of("mailgun.operation", context.getOperation()), outcome(context), status(context),
				error(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(MailgunSendObservationContext context) {
		String messageId = context.getMessageId();
		return (messageId != null) ? KeyValues.of(KeyValue.of("mailgun.message.id", messageId)) : KeyValues.empty();
	}

	/**
	 * Returns the {@code outcome} key: SUCCESS, CLIENT_ERROR, SERVER_ERROR or UNKNOWN (no response).
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue outcome(MailgunSendObservationContext context) {
		int status = statusOf(context);
		String outcome = switch (Math.min(status / 100, 5)) {
			case 2 -> (context.getError() == null) ? "SUCCESS" : "UNKNOWN";
			case 4 -> "CLIENT_ERROR";
			case 5 -> "SERVER_ERROR";
			default -> "UNKNOWN";
		};
		return KeyValue.of("outcome", outcome);
	}

	/**
	 * Returns the {@code status} key: the HTTP status, or NONE when no response arrived.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue status(MailgunSendObservationContext context) {
		int status = statusOf(context);
		return (status > 0) ? KeyValue.of("status", Integer.toString(status)) : NO_STATUS;
	}

	/**
	 * Returns the {@code error} key: the simple name of the exception, or {@code none}.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue error(MailgunSendObservationContext context) {
		Throwable error = context.getError();
		return (error != null) ? KeyValue.of("error", error.getClass().getSimpleName()) : NO_ERROR;
	}

	private static int statusOf(MailgunSendObservationContext context) {
		if (context.getStatusCode() > 0) {
			return context.getStatusCode();
		}
		return (context.getError() instanceof MailgunApiException api) ? api.getStatusCode() : 0;
	}

}
