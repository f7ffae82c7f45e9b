package io.github.springmailgun;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import brave.handler.MutableSpan;
import io.github.springmailgun.error.MailgunAttachmentException;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.Json;
import io.github.springmailgun.mail.MailgunJavaMailSender;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.MimeMessageRequest;
import io.github.springmailgun.observation.MailgunSendObservationContext;
import io.github.springmailgun.observation.MailgunTraceVariable;
import io.github.springmailgun.testing.InMemoryTracing;
import io.github.springmailgun.testing.LoopbackMailgun;
import io.github.springmailgun.testing.LoopbackMailgun.Part;
import io.micrometer.observation.Observation;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With trace correlation on, every kind of send carries the trace context of its {@code mailgun.send} span
 * (never baggage) in the reserved variable; with it off, nothing is added.
 */
class TraceCorrelationTests {

	private static final String FIELD = "v:" + MailgunTraceVariable.NAME;

	private static final String MIME = "From: shop@mg.example.com\r\nTo: a@example.com\r\nSubject: s\r\n\r\nbody\r\n";

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	private final InMemoryTracing tracing = new InMemoryTracing();

	@AfterEach
	void stop() {
		this.mailgun.close();
		this.tracing.close();
	}

	private MailgunTemplate client(boolean correlate) {
		MailgunTemplate client = new MailgunTemplate(this.mailgun.settings().build(), WebClient.builder(),
				this.tracing.registry());
		client.setTraceCorrelation(correlate);
		return client;
	}

	private static MailgunMessage message() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").subject("s").text("t").build();
	}

	/** Runs a send inside a {@code checkout} observation that has baggage, as an application would. */
	private <T> T inCheckout(Supplier<T> send) {
		Observation checkout = Observation.start("checkout", this.tracing.registry());
		try (Observation.Scope scope = checkout.openScope()) {
			InMemoryTracing.TENANT.updateValue("acme");
			return send.get();
		}
		finally {
			checkout.stop();
		}
	}

	@Test
	void sendCarriesTheTraceContextOfItsSpanAndNoBaggage() {
		this.mailgun.accept();
		inCheckout(() -> client(true).send(message()).block());
		Map<String, String> variable = readVariable(LoopbackMailgun.multipartFields(this.mailgun.takeRequest()));
		assertTraceOf(variable, "mailgun messages");
		// The propagator did write the baggage into the carrier; only the trace context left it.
		MailgunSendObservationContext context = (MailgunSendObservationContext) this.tracing.contexts()
			.stream()
			.filter(MailgunSendObservationContext.class::isInstance)
			.findFirst()
			.orElseThrow();
		assertThat(context.getCarrier()).containsKey("tenant");
		assertThat(variable).containsOnlyKeys("traceparent", MailgunTraceVariable.SENT_AT);
	}

	@Test
	void mimeBytesCarryTheTraceContextInXMailgunVariables() throws Exception {
		this.mailgun.accept();
		inCheckout(() -> client(true)
			.sendMime(MimeMessageRequest.builder().to("a@example.com").message(MIME.getBytes(StandardCharsets.US_ASCII)).build())
			.block());
		MimeMessage sent = mime(this.mailgun.takeRequest());
		assertTraceOf(MailgunTraceVariable.read(headerVariables(sent)), "mailgun mime");
		assertThat(sent.getSubject()).isEqualTo("s");
		assertThat(sent.getContent().toString().trim()).isEqualTo("body");
	}

	@Test
	void mimeStreamCarriesTheTraceContextMergedIntoItsOwnHeader() throws Exception {
		this.mailgun.accept();
		String withVariables = "From: shop@mg.example.com\nX-Mailgun-Variables: {\"order\":\n \"42\"}\nSubject: s\n\nbody\n";
		inCheckout(() -> client(true)
			.sendMime(MimeMessageRequest.builder()
				.to("a@example.com")
				.message(new ByteArrayInputStream(withVariables.getBytes(StandardCharsets.US_ASCII)))
				.build())
			.block());
		MimeMessage sent = mime(this.mailgun.takeRequest());
		Map<String, Object> variables = headerVariables(sent);
		assertThat(variables).containsEntry("order", "42");
		assertTraceOf(MailgunTraceVariable.read(variables), "mailgun mime");
		assertThat(sent.getHeader("X-Mailgun-Variables")).hasSize(1);
	}

	@Test
	void javaMailSenderCarriesTheTraceContextForMimeAndSimpleMessages() throws Exception {
		this.mailgun.accept().accept();
		MailgunJavaMailSender sender = new MailgunJavaMailSender(
				new BlockingMailgunOperations(client(true), Duration.ofSeconds(10)));
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message);
		helper.setFrom("shop@mg.example.com");
		helper.setTo("a@example.com");
		helper.setSubject("s");
		helper.setText("t");
		SimpleMailMessage simple = new SimpleMailMessage();
		simple.setFrom("shop@mg.example.com");
		simple.setTo("a@example.com");
		simple.setText("t");
		inCheckout(() -> {
			sender.send(message);
			sender.send(simple);
			return null;
		});
		assertTraceOf(MailgunTraceVariable.read(headerVariables(mime(this.mailgun.takeRequest()))), "mailgun mime");
		assertTraceOf(readVariable(LoopbackMailgun.multipartFields(this.mailgun.takeRequest())), "mailgun messages");
	}

	@Test
	void nothingIsAddedWhenCorrelationIsOff() {
		this.mailgun.accept().accept();
		byte[] mime = MIME.getBytes(StandardCharsets.US_ASCII);
		inCheckout(() -> {
			MailgunTemplate client = client(false);
			client.send(MailgunMessage.builder()
				.from("shop@mg.example.com")
				.to("a@example.com")
				.text("t")
				.variable(MailgunTraceVariable.NAME, "mine")
				.build()).block();
			return client.sendMime(MimeMessageRequest.builder().to("a@example.com").message(mime).build()).block();
		});
		// The name is not reserved either: the user's own value goes through as it is.
		assertThat(LoopbackMailgun.multipartFields(this.mailgun.takeRequest())).containsEntry(FIELD, List.of("mine"));
		Part part = messagePart(this.mailgun.takeRequest());
		assertThat(part.bytes()).isEqualTo(mime);
		assertThat(this.tracing.span("mailgun messages")).isNotNull();
	}

	@Test
	void aSendWithoutCorrelationGivesThePropagatorNoCarrier() {
		this.mailgun.accept();
		inCheckout(() -> client(false).send(message()).block());
		// The send still has its producer span; only the injection, which nothing would read, is skipped.
		assertThat(this.tracing.span("mailgun messages").kind()).isEqualTo(brave.Span.Kind.PRODUCER);
		MailgunSendObservationContext context = (MailgunSendObservationContext) this.tracing.contexts()
			.stream()
			.filter(MailgunSendObservationContext.class::isInstance)
			.findFirst()
			.orElseThrow();
		assertThat(context.getCarrier()).isNull();
	}

	@Test
	void aUserVariableWithTheReservedNameIsAValidationErrorWhenCorrelating() {
		MailgunMessage own = MailgunMessage.builder()
			.from("shop@mg.example.com")
			.to("a@example.com")
			.text("t")
			.variable(MailgunTraceVariable.NAME, "mine")
			.build();
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> inCheckout(() -> client(true).send(own).block()))
			.satisfies(ex -> assertThat(ex.getParameter()).isEqualTo(FIELD));
		String mime = "X-Mailgun-Variables: {\"" + MailgunTraceVariable.NAME + "\": \"mine\"}\r\n\r\nbody";
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> inCheckout(() -> client(true)
				.sendMime(MimeMessageRequest.builder().to("a@example.com").message(mime.getBytes(StandardCharsets.US_ASCII)).build())
				.block()))
			.withMessageContaining(MailgunTraceVariable.NAME);
		assertThat(this.mailgun.requestCount()).isZero();
		// From a stream the header is read while the request is written: the same error, as the cause. The
		// request may have started (it depends on how far the connector got), but its body is cut short.
		assertThatExceptionOfType(MailgunAttachmentException.class)
			.isThrownBy(() -> inCheckout(() -> client(true)
				.sendMime(MimeMessageRequest.builder()
					.to("a@example.com")
					.message(new ByteArrayInputStream(mime.getBytes(StandardCharsets.US_ASCII)))
					.build())
				.block()))
			.withRootCauseInstanceOf(MailgunValidationException.class);
	}

	@Test
	void headerBlockIsRewrittenWithinItsBoundOnly() {
		String head = "Subject: s\n";
		byte[] endless = (head + "X-Long: " + "a".repeat(TraceCorrelation.MAX_HEADER_BYTES) + "\n\nbody").getBytes(StandardCharsets.US_ASCII);
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> TraceCorrelation.rewrite(endless, "{}"))
			.withMessageContaining("header block");
		// No blank line at all: the whole MIME is headers, and the variable ends them.
		assertThat(new String(TraceCorrelation.rewrite("Subject: s".getBytes(StandardCharsets.US_ASCII), "{}"),
				StandardCharsets.US_ASCII))
			.isEqualTo("Subject: s\nX-Mailgun-Variables: {\"mailgun-trace-context\":\"{}\"}\n");
	}

	private void assertTraceOf(Map<String, String> variable, String spanName) {
		MutableSpan send = this.tracing.span(spanName);
		MutableSpan checkout = this.tracing.span("checkout");
		assertThat(send.traceId()).isEqualTo(checkout.traceId());
		assertThat(send.parentId()).isEqualTo(checkout.id());
		assertThat(variable).containsEntry("traceparent", "00-" + send.traceId() + "-" + send.id() + "-01")
			.containsKey(MailgunTraceVariable.SENT_AT)
			.doesNotContainKeys("tenant", "baggage");
		assertThat(MailgunTraceVariable.sentAt(variable)).isNotNull();
	}

	private static Map<String, String> readVariable(Map<String, List<String>> fields) {
		assertThat(fields).containsKey(FIELD);
		assertThat(fields.get(FIELD)).hasSize(1);
		return MailgunTraceVariable.read(Map.of(MailgunTraceVariable.NAME, fields.get(FIELD).get(0)));
	}

	private static Part messagePart(RecordedRequest request) {
		return LoopbackMailgun.parts(request).stream().filter(part -> part.name().equals("message")).findFirst().orElseThrow();
	}

	private static MimeMessage mime(RecordedRequest request) throws Exception {
		return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(messagePart(request).bytes()));
	}

	private static Map<String, Object> headerVariables(MimeMessage message) throws Exception {
		String header = message.getHeader("X-Mailgun-Variables", null);
		assertThat(header).as("X-Mailgun-Variables").isNotNull();
		return Json.readMap(header.replaceAll("\r?\n", "").getBytes(StandardCharsets.UTF_8));
	}

}
