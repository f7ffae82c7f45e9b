package io.github.springmailgun.boot.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.github.springmailgun.event.EventType;
import io.github.springmailgun.observation.MailgunTraceVariable;
import io.github.springmailgun.webhook.MailgunLegacyWebhookEvent;
import io.github.springmailgun.webhook.MailgunWebhookEvent;
import io.github.springmailgun.webhook.WebhookVerificationException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

/**
 * What the webhook endpoint records, when the application has an {@link ObservationRegistry} or a
 * {@link MeterRegistry}:
 * <ul>
 * <li>{@code mailgun.webhook}: an observation per verified event, in which the listeners run, tagged with
 * {@code mailgun.event.type} ({@code unknown} for types this library does not model) and {@code outcome}
 * ({@code processed} or {@code listener_failure}). When the event carries the trace context of its send
 * ({@link MailgunTraceVariable}), its context is a {@link ReceiverContext} that a tracing handler continues
 * that trace from; otherwise it is a child of the current observation (the HTTP request's);</li>
 * <li>{@code mailgun.webhook.requests}: a counter of requests, tagged only with {@code outcome}, since a
 * rejected body is not authenticated: {@code processed}, {@code listener_failure}, {@code store_failure},
 * {@code in_progress}, {@code malformed}, {@code bad_signature}, {@code stale}, {@code future_timestamp}, {@code replay},
 * {@code unsupported_media_type};</li>
 * <li>{@code mailgun.webhook.delay}: a timer of the time from the send to the event, tagged with
 * {@code mailgun.event.type}, for events whose trace variable carries the send time.</li>
 * </ul>
 */
public final class WebhookObservations {

	/** The name of the observation of a verified event. */
	public static final String OBSERVATION = "mailgun.webhook";

	/** The name of the counter of requests by outcome. */
	public static final String REQUESTS = "mailgun.webhook.requests";

	/** The name of the timer of the delay between a send and its event. */
	public static final String DELAY = "mailgun.webhook.delay";

	/** Records nothing. */
	public static final WebhookObservations NONE = new WebhookObservations(ObservationRegistry.NOOP, null);

	private final ObservationRegistry observationRegistry;

	// Only touched when there is a registry, so that this class loads without Micrometer's meter API.
	private final @Nullable Meters meters;

	private final Clock clock;

	/**
	 * Creates the recorder.
	 * @param observationRegistry where the {@code mailgun.webhook} observations go
	 * @param meterRegistry where the counter and the delay go, or {@code null} for none
	 */
	public WebhookObservations(ObservationRegistry observationRegistry, @Nullable MeterRegistry meterRegistry) {
		this(observationRegistry, meterRegistry, Clock.systemUTC());
	}

	WebhookObservations(ObservationRegistry observationRegistry, @Nullable MeterRegistry meterRegistry, Clock clock) {
		this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
		this.meters = (meterRegistry != null) ? new Meters(meterRegistry) : null;
		this.clock = clock;
	}

	/** Counts a request rejected before its listeners ran, by the reason only. */
	void rejected(WebhookVerificationException.Reason reason) {
		count(switch (reason) {
			case STALE_TIMESTAMP -> "stale";
			case REPLAYED_TOKEN -> "replay";
			default -> reason.name().toLowerCase(Locale.ROOT);
		});
	}

	/** Counts a request by its outcome. */
	void count(String outcome) {
		if (this.meters != null) {
			this.meters.count(outcome);
		}
	}

	/**
	 * Runs the listeners of a verified event inside its {@code mailgun.webhook} observation, and counts the
	 * outcome; a listener's failure is rethrown.
	 */
	void observe(Object event, Runnable listeners) {
		Map<String, String> trace = trace(event);
		String type = type(event);
		recordDelay(event, type, trace);
		Observation observation = Observation
			.createNotStarted(OBSERVATION, () -> context(trace), this.observationRegistry)
			.contextualName("mailgun webhook " + type)
			.lowCardinalityKeyValue("mailgun.event.type", type);
		observation.start();
		String outcome = "listener_failure";
		try (Observation.Scope scope = observation.openScope()) {
			listeners.run();
			outcome = "processed";
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.lowCardinalityKeyValue("outcome", outcome);
			observation.stop();
			count(outcome);
		}
	}

	private static Observation.Context context(Map<String, String> trace) {
		if (trace.isEmpty()) {
			// A receiver context without a trace would start a new trace: stay in the request's instead.
			return new Observation.Context();
		}
		ReceiverContext<Map<String, String>> context = new ReceiverContext<>(
				(carrier, key) -> (carrier != null) ? carrier.get(key) : null, Kind.CONSUMER);
		context.setCarrier(trace);
		context.setRemoteServiceName("mailgun");
		return context;
	}

	private void recordDelay(Object event, String type, Map<String, String> trace) {
		Instant sentAt = MailgunTraceVariable.sentAt(trace);
		if (this.meters == null || sentAt == null) {
			return;
		}
		Instant happened = (event instanceof MailgunWebhookEvent webhook) ? webhook.event().timestamp() : null;
		Duration delay = Duration.between(sentAt, (happened != null) ? happened : this.clock.instant());
		// A negative delay says that two clocks disagree, not how long Mailgun took.
		if (!delay.isNegative()) {
			this.meters.delay(type, delay);
		}
	}

	private static Map<String, String> trace(Object event) {
		if (event instanceof MailgunWebhookEvent webhook) {
			return MailgunTraceVariable.read(webhook.event().userVariables());
		}
		// A legacy webhook posts the custom variables as form fields of their own.
		String variable = ((MailgunLegacyWebhookEvent) event).webhook().first(MailgunTraceVariable.NAME);
		Map<String, String> fields = new HashMap<>();
		if (variable != null) {
			fields.put(MailgunTraceVariable.NAME, variable);
		}
		return MailgunTraceVariable.read(fields);
	}

	private static String type(Object event) {
		EventType type = (event instanceof MailgunWebhookEvent webhook) ? webhook.type()
				: EventType.of(Objects.requireNonNullElse(((MailgunLegacyWebhookEvent) event).webhook().event(), ""));
		return (type == EventType.UNKNOWN) ? "unknown" : type.wireName();
	}

	@Override
	public String toString() {
		return "WebhookObservations[meters=" + (this.meters != null) + "]";
	}

	/** The meters, on a registry that exists. */
	private static final class Meters {

		private final MeterRegistry registry;

		Meters(MeterRegistry registry) {
			this.registry = registry;
		}

		void count(String outcome) {
			Counter.builder(REQUESTS)
				.description("Mailgun webhook requests, by outcome")
				.tag("outcome", outcome)
				.register(this.registry)
				.increment();
		}

		void delay(String type, Duration delay) {
			Timer.builder(DELAY)
				.description("Time from a Mailgun send to a webhook event about it")
				.tag("mailgun.event.type", type)
				.register(this.registry)
				.record(delay);
		}

	}

}
