package io.github.springmailgun.autoconfigure.webhook;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.handler.MutableSpan;
import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.autoconfigure.MailgunAutoConfiguration;
import io.github.springmailgun.boot.webhook.MailgunWebhookHandler;
import io.github.springmailgun.boot.webhook.WebhookObservations;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.observation.MailgunTraceVariable;
import io.github.springmailgun.testing.InMemoryTracing;
import io.github.springmailgun.webhook.MailgunWebhookEvent;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace from a send to the webhooks about it: with {@code mailgun.observations.correlate=true} the send
 * carries its trace context, and the endpoint's {@code mailgun.webhook} span continues it, with the
 * listeners inside; the endpoint's metrics count requests by outcome and time the delay since the send.
 */
class WebhookTraceCorrelationTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final MockWebServer server = new MockWebServer();

	private final InMemoryTracing tracing = new InMemoryTracing();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final List<Span> listenerSpans = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MailgunAutoConfiguration.class, MailgunWebhookAutoConfiguration.class))
		.withBean(ObservationRegistry.class, this.tracing::registry)
		.withBean(MeterRegistry.class, () -> this.meters)
		.withBean("recordingListener", ApplicationListener.class,
				() -> ApplicationListener.forPayload(payload -> {
					if (payload instanceof MailgunWebhookEvent) {
						this.listenerSpans.add(this.tracing.tracer().currentSpan());
					}
				}));

	@BeforeEach
	void start() throws Exception {
		this.server.start();
		// Boot turns observations into timers this way when it has a MeterRegistry.
		this.tracing.registry().observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.tracing.close();
	}

	private ApplicationContextRunner withProperties(String... more) {
		return this.contextRunner.withPropertyValues("mailgun.api-key=key-1", "mailgun.domain=mg.example.com",
				"mailgun.base-url=" + this.server.url("/"), "mailgun.retry.enabled=false",
				"mailgun.webhooks.signing-key=" + SignedWebhooks.SIGNING_KEY).withPropertyValues(more);
	}

	@Test
	void theWebhookSpanContinuesTheTraceOfTheSend() {
		withProperties("mailgun.observations.correlate=true").run(context -> {
			String variable = sendInCheckout(context);
			assertThat(variable).isNotNull();
			HttpStatus status = context.getBean(MailgunWebhookHandler.class)
				.handle(delivered(SignedWebhooks.SIGNING_KEY, Map.of(MailgunTraceVariable.NAME, variable)),
						"application/json");
			assertThat(status).isEqualTo(HttpStatus.OK);
			MutableSpan send = this.tracing.span("mailgun messages");
			MutableSpan webhook = this.tracing.span("mailgun webhook delivered");
			assertThat(webhook.traceId()).isEqualTo(send.traceId());
			assertThat(webhook.parentId()).isEqualTo(send.id());
			assertThat(webhook.kind()).isEqualTo(brave.Span.Kind.CONSUMER);
			// The listeners ran inside the webhook's span.
			assertThat(this.listenerSpans).singleElement()
				.satisfies(span -> assertThat(span.context().spanId()).isEqualTo(webhook.id()));
			assertThat(counter("processed")).isEqualTo(1);
			assertThat(this.meters.get(WebhookObservations.DELAY).tag("mailgun.event.type", "delivered").timer().count())
				.isEqualTo(1);
			assertThat(this.meters.get(WebhookObservations.OBSERVATION)
				.tags("mailgun.event.type", "delivered", "outcome", "processed")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void aLegacyWebhookContinuesTheTraceFromItsFormField() {
		withProperties("mailgun.observations.correlate=true").run(context -> {
			String variable = sendInCheckout(context);
			String form = SignedWebhooks.legacyForm(SignedWebhooks.SIGNING_KEY, SignedWebhooks.token()) + "&"
					+ MailgunTraceVariable.NAME + "=" + URLEncoder.encode(variable, StandardCharsets.UTF_8);
			assertThat(context.getBean(MailgunWebhookHandler.class)
				.handle(form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"))
				.isEqualTo(HttpStatus.OK);
			MutableSpan send = this.tracing.span("mailgun messages");
			MutableSpan webhook = this.tracing.span("mailgun webhook delivered");
			assertThat(webhook.traceId()).isEqualTo(send.traceId());
			assertThat(webhook.parentId()).isEqualTo(send.id());
		});
	}

	@Test
	void aListenerFailureIsCountedAndRecordedOnTheObservation() {
		withProperties().withBean("failingListener", ApplicationListener.class,
				() -> ApplicationListener.forPayload(payload -> {
					throw new IllegalStateException("listener failed");
				}))
			.run(context -> {
				assertThat(context.getBean(MailgunWebhookHandler.class)
					.handle(delivered(SignedWebhooks.SIGNING_KEY, Map.of()), "application/json"))
					.isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
				assertThat(counter("listener_failure")).isEqualTo(1);
				assertThat(this.meters.get(WebhookObservations.OBSERVATION)
					.tags("mailgun.event.type", "delivered", "outcome", "listener_failure")
					.timer()
					.count()).isEqualTo(1);
				assertThat(this.tracing.span("mailgun webhook delivered").error()).isInstanceOf(IllegalStateException.class);
			});
	}

	@Test
	void requestsAreCountedByOutcomeOnlyBeforeVerification() {
		withProperties().run(context -> {
			MailgunWebhookHandler handler = context.getBean(MailgunWebhookHandler.class);
			assertThat(handler.handle(delivered("not-the-key", Map.of()), "application/json"))
				.isEqualTo(HttpStatus.NOT_ACCEPTABLE);
			assertThat(handler.handle("{".getBytes(StandardCharsets.UTF_8), "application/json"))
				.isEqualTo(HttpStatus.BAD_REQUEST);
			byte[] valid = delivered(SignedWebhooks.SIGNING_KEY, Map.of());
			assertThat(handler.handle(valid, "application/json")).isEqualTo(HttpStatus.OK);
			assertThat(handler.handle(valid, "application/json")).isEqualTo(HttpStatus.NOT_ACCEPTABLE);
			assertThat(counter("bad_signature")).isEqualTo(1);
			assertThat(counter("malformed")).isEqualTo(1);
			assertThat(counter("processed")).isEqualTo(1);
			assertThat(counter("replay")).isEqualTo(1);
			for (Meter meter : this.meters.find(WebhookObservations.REQUESTS).meters()) {
				assertThat(meter.getId().getTags()).extracting(Tag::getKey).containsExactly("outcome");
			}
			// No trace variable: the webhook observation has no send to continue, and no delay is known.
			assertThat(this.meters.find(WebhookObservations.DELAY).timers()).isEmpty();
			assertThat(this.tracing.span("mailgun webhook delivered").parentId()).isNull();
		});
	}

	@Test
	void unknownEventTypesAreTaggedUnknown() {
		withProperties().run(context -> {
			byte[] body = signed("unknown-event.json", SignedWebhooks.SIGNING_KEY, Map.of());
			assertThat(context.getBean(MailgunWebhookHandler.class).handle(body, "application/json"))
				.isEqualTo(HttpStatus.OK);
			assertThat(this.meters.get(WebhookObservations.OBSERVATION).tag("mailgun.event.type", "unknown").timer().count())
				.isEqualTo(1);
		});
	}

	@Test
	void sendsCarryNoVariableByDefault() {
		withProperties().run(context -> {
			assertThat(sendInCheckout(context)).isNull();
			assertThat(this.tracing.span("mailgun messages")).isNotNull();
		});
	}

	/** Sends inside a {@code checkout} observation; returns the trace variable the request carried. */
	private String sendInCheckout(AssertableApplicationContext context) throws Exception {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"id\":\"<1@mg.example.com>\",\"message\":\"Queued.\"}")
			.build());
		Observation.createNotStarted("checkout", this.tracing.registry())
			.observe(() -> context.getBean(MailgunOperations.class)
				.messages()
				.send(MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").text("t").build())
				.block());
		RecordedRequest request = this.server.takeRequest();
		String body = new Buffer().write(request.getBody()).readUtf8();
		String marker = "name=\"v:" + MailgunTraceVariable.NAME + "\"\r\n\r\n";
		int start = body.indexOf(marker);
		return (start < 0) ? null : body.substring(start + marker.length(), body.indexOf("\r\n", start + marker.length()));
	}

	private double counter(String outcome) {
		return this.meters.get(WebhookObservations.REQUESTS).tag("outcome", outcome).counter().count();
	}

	private static byte[] delivered(String key, Map<String, Object> userVariables) {
		return signed("delivered.json", key, userVariables);
	}

	/** A fixture signed now, whose event happened now and carries the given variables. */
	@SuppressWarnings("unchecked")
	private static byte[] signed(String fixture, String key, Map<String, Object> userVariables) {
		Map<String, Object> body = MAPPER.readValue(SignedWebhooks.json(fixture, key, SignedWebhooks.token()),
				new TypeReference<LinkedHashMap<String, Object>>() {
				});
		Map<String, Object> event = (Map<String, Object>) body.get("event-data");
		event.put("user-variables", userVariables);
		event.put("timestamp", Instant.now().toEpochMilli() / 1000.0);
		return MAPPER.writeValueAsBytes(body);
	}

}
