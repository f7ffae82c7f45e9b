package io.github.springmailgun;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.observation.DefaultMailgunSendObservationConvention;
import io.github.springmailgun.observation.MailgunSendObservationContext;
import io.github.springmailgun.observation.MailgunSendObservationConvention;
import io.github.springmailgun.observation.MailgunTraceVariable;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The {@code mailgun.send} observation around a send: started on subscription, as a child of the
 * caller's observation, and stopped on the send's own signal. With trace correlation on, the request is
 * built after the observation started, from the trace context the tracing handler injected into it.
 */
final class SendObservation {

	private final ObservationRegistry registry;

	private final Clock clock;

	private volatile @Nullable MailgunSendObservationConvention convention;

	private volatile boolean correlate;

	SendObservation(ObservationRegistry registry) {
		this(registry, Clock.systemUTC());
	}

	SendObservation(ObservationRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	void setCorrelate(boolean correlate) {
		this.correlate = correlate;
	}

	void setConvention(@Nullable MailgunSendObservationConvention convention) {
		this.convention = convention;
	}

	/**
	 * Observes a send whose request {@code call} builds, given the trace variable's value: {@code null}
	 * unless correlation is on and a tracing handler injected a trace context.
	 */
	Mono<SendResponse> observe(String domain, String operation, int recipientCount,
			Function<@Nullable String, Mono<SendResponse>> call) {
		if (this.registry.isNoop()) {
			return call.apply(null);
		}
		return Mono.deferContextual(contextView -> {
			MailgunSendObservationContext context = new MailgunSendObservationContext(domain, operation, recipientCount);
			// Only a send that carries its trace context pays for the propagator's injection.
			@Nullable Map<String, String> carrier = this.correlate ? new LinkedHashMap<>() : null;
			if (carrier != null) {
				context.setCarrier(carrier);
			}
			Observation observation = Observation
				.createNotStarted(this.convention, DefaultMailgunSendObservationConvention.INSTANCE, () -> context,
						this.registry)
				.parentObservation(contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			Mono<SendResponse> request;
			try {
				request = call.apply((carrier != null) ? MailgunTraceVariable.write(carrier, this.clock.instant()) : null);
			}
			catch (RuntimeException ex) {
				observation.error(ex);
				observation.stop();
				return Mono.error(ex);
			}
			// Stop on the signal itself, not in doFinally: the caller must not see the result before the
			// observation (and its timer) is recorded.
			return request.doOnSuccess(response -> {
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
