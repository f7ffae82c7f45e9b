package io.github.springmailgun.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.Tracing;
import brave.baggage.BaggageField;
import brave.baggage.BaggagePropagation;
import brave.baggage.BaggagePropagationConfig.SingleBaggageField;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;

/**
 * Micrometer Tracing on Brave with W3C propagation and a remote baggage field {@code tenant}, wired as
 * Spring Boot wires it (the propagating sender and receiver handlers first), with finished spans kept in
 * memory: no backend.
 */
public final class InMemoryTracing implements AutoCloseable {

	/** A remote baggage field: the propagator writes it into every carrier. */
	public static final BaggageField TENANT = BaggageField.create("tenant");

	private final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

	private final List<Observation.Context> contexts = new CopyOnWriteArrayList<>();

	private final Tracing tracing;

	private final BraveTracer tracer;

	private final ObservationRegistry registry = ObservationRegistry.create();

	/** Creates the tracer and a registry with the tracing handlers. */
	public InMemoryTracing() {
		BraveBaggageManager baggageManager = new BraveBaggageManager();
		this.tracing = Tracing.newBuilder()
			.sampler(Sampler.ALWAYS_SAMPLE)
			.traceId128Bit(true)
			.propagationFactory(BaggagePropagation.newFactoryBuilder(new W3CPropagation(baggageManager, List.of()))
				.add(SingleBaggageField.remote(TENANT))
				.build())
			.addSpanHandler(new SpanHandler() {

				@Override
				public boolean end(TraceContext context, MutableSpan span, Cause cause) {
					InMemoryTracing.this.spans.add(span);
					return true;
				}

			})
			.build();
		this.tracer = new BraveTracer(this.tracing.tracer(), new BraveCurrentTraceContext(this.tracing.currentTraceContext()),
				baggageManager);
		BravePropagator propagator = new BravePropagator(this.tracing);
		this.registry.observationConfig()
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(this.tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(this.tracer, propagator),
					new DefaultTracingObservationHandler(this.tracer)))
			.observationHandler(new ObservationHandler<>() {

				@Override
				public void onStop(Observation.Context context) {
					InMemoryTracing.this.contexts.add(context);
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

			});
	}

	/** @return the registry to give the code under test */
	public ObservationRegistry registry() {
		return this.registry;
	}

	/** @return the tracer */
	public BraveTracer tracer() {
		return this.tracer;
	}

	/** @return the spans finished so far */
	public List<MutableSpan> spans() {
		return this.spans;
	}

	/**
	 * Returns the finished span of the given name.
	 * @param name the span name
	 * @return the span
	 */
	public MutableSpan span(String name) {
		return this.spans.stream()
			.filter(span -> name.equals(span.name()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no span '" + name + "' in " + this.spans));
	}

	/** @return the contexts of the observations stopped so far */
	public List<Observation.Context> contexts() {
		return this.contexts;
	}

	@Override
	public void close() {
		this.tracing.close();
	}

}
