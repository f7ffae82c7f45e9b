package io.github.springmailgun;

import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.observation.DefaultMailgunSendObservationConvention;
import io.github.springmailgun.observation.MailgunSendObservationContext;
import io.github.springmailgun.observation.MailgunSendObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The {@code mailgun.send} observation around a send: started on subscription, as a child of the
 * caller's observation, and stopped on the send's own signal.
 */
final class SendObservation {

	private final ObservationRegistry registry;

	private volatile @Nullable MailgunSendObservationConvention convention;

	SendObservation(ObservationRegistry registry) {
		this.registry = registry;
	}

	void setConvention(@Nullable MailgunSendObservationConvention convention) {
		this.convention = convention;
	}

	Mono<SendResponse> observe(String domain, String operation, int recipientCount, Mono<SendResponse> call) {
		if (this.registry.isNoop()) {
			return call;
		}
		return Mono.deferContextual(contextView -> {
			MailgunSendObservationContext context = new MailgunSendObservationContext(domain, operation, recipientCount);
			Observation observation = Observation
				.createNotStarted(this.convention, DefaultMailgunSendObservationConvention.INSTANCE, () -> context,
						this.registry)
				.parentObservation(contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			// Stop on the signal itself, not in doFinally: the caller must not see the result before the
			// observation (and its timer) is recorded.
			return call.doOnSuccess(response -> {
				if (response != null) {
					context.setStatusCode(200);
					context.setMessageId(response.messageId());
				}
				observation.stop();
			}).doOnError(error -> {
				observation.error(error);
				observation.stop();
			})
				.doOnCancel(observation::stop)
				.contextWrite(reactorContext -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

}
