package io.github.springmailgun.boot.metrics;

import io.github.springmailgun.observation.MailgunSendObservationContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Counts the recipients of accepted sends as {@code mailgun.send.recipients} (tags {@code mailgun.domain}
 * and {@code mailgun.operation}), so operators see volume, not just the number of calls.
 */
public class MailgunRecipientsObservationHandler implements ObservationHandler<MailgunSendObservationContext> {

	/** The counter name. */
	public static final String METRIC_NAME = "mailgun.send.recipients";

	private final MeterRegistry meterRegistry;

	/**
	 * Creates the handler.
	 * @param meterRegistry where to count
	 */
	public MailgunRecipientsObservationHandler(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	@Override
	public void onStop(MailgunSendObservationContext context) {
		if (context.getError() == null && context.getMessageId() != null) {
			Counter.builder(METRIC_NAME)
				.description("Recipients of messages Mailgun accepted")
				.baseUnit("recipients")
				.tag("mailgun.domain", context.getDomain())
				.tag("mailgun.operation", context.getOperation())
				.register(this.meterRegistry)
				.increment(context.getRecipientCount());
		}
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof MailgunSendObservationContext;
	}

}
