package io.github.springmailgun.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a Mailgun send. Implement it to replace
 * {@link DefaultMailgunSendObservationConvention}.
 */
public interface MailgunSendObservationConvention extends ObservationConvention<MailgunSendObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof MailgunSendObservationContext;
	}

}
