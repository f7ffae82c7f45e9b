package io.github.springmailgun;

import java.time.Duration;

import io.github.springmailgun.domain.DomainOperations;
import io.github.springmailgun.domain.TrackingOperations;
import io.github.springmailgun.analytics.AnalyticsOperations;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.message.InMemorySendIdempotencyStore;
import io.github.springmailgun.message.MessageOperations;
import io.github.springmailgun.message.SendIdempotencyStore;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.observation.MailgunSendObservationConvention;
import io.github.springmailgun.route.RouteOperations;
import io.github.springmailgun.template.TemplateOperations;
import io.github.springmailgun.webhook.WebhookOperations;
import io.github.springmailgun.suppression.AllowlistOperations;
import io.github.springmailgun.suppression.BounceOperations;
import io.github.springmailgun.suppression.ComplaintOperations;
import io.github.springmailgun.suppression.UnsubscribeOperations;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link MailgunOperations} on Spring's {@link WebClient}. Thread-safe; create one per API key and share
 * it. Pass Spring Boot's {@code WebClient.Builder} to get its HTTP client metrics and tracing.
 *
 * <pre class="code">
 * MailgunOperations mailgun = new MailgunTemplate(MailgunClientSettings.builder(apiKey, "mg.example.com")
 *     .region(MailgunRegion.EU)
 *     .build());
 * </pre>
 */
public class MailgunTemplate implements MailgunOperations {

	/** The {@code User-Agent} the client sends. */
	public static final String USER_AGENT = "mailgun-spring-boot/0.1";

	private final MailgunHttp http;

	private final MailgunClientSettings settings;

	private final SendObservation observation;

	private final SendIdempotency idempotency;

	/** Built once: every send goes through it. The other areas are views built on each call. */
	private final MessageOperations messages;

	/**
	 * Creates a client with its own HTTP connector (connect and read timeouts from the settings).
	 * @param settings the settings
	 */
	public MailgunTemplate(MailgunClientSettings settings) {
		this(settings, WebClient.builder().clientConnector(defaultConnector(settings)), ObservationRegistry.NOOP);
	}

	/**
	 * Creates a client on the given builder, which is cloned and left unchanged.
	 * @param settings the settings
	 * @param webClientBuilder the builder, for example Spring Boot's
	 */
	public MailgunTemplate(MailgunClientSettings settings, WebClient.Builder webClientBuilder) {
		this(settings, webClientBuilder, ObservationRegistry.NOOP);
	}

	/**
	 * Creates a client on the given builder that records an observation of every send.
	 * @param settings the settings
	 * @param webClientBuilder the builder, which is cloned and left unchanged
	 * @param observationRegistry where to record observations
	 */
	public MailgunTemplate(MailgunClientSettings settings, WebClient.Builder webClientBuilder,
			ObservationRegistry observationRegistry) {
		this(MailgunHttp.create(webClientBuilder, settings, USER_AGENT), settings,
				new SendObservation(observationRegistry), new SendIdempotency());
	}

	private MailgunTemplate(MailgunHttp http, MailgunClientSettings settings, SendObservation observation,
			SendIdempotency idempotency) {
		this.http = http;
		this.settings = settings;
		this.observation = observation;
		this.idempotency = idempotency;
		this.messages = new DefaultMessageOperations(http, settings, observation, idempotency);
	}

	/**
	 * Creates the Reactor Netty connector the client uses when no builder is given, with the settings'
	 * connect timeout. The read timeout is applied by the client itself, on any connector.
	 * @param settings the settings
	 * @return the connector
	 */
	public static ClientHttpConnector defaultConnector(MailgunClientSettings settings) {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(settings.connectTimeout().toMillis(),
					Integer.MAX_VALUE));
		return new ReactorClientHttpConnector(httpClient);
	}

	/**
	 * Replaces the names and tags of the {@code mailgun.send} observation.
	 * @param observationConvention the convention, or {@code null} for the default
	 */
	public void setObservationConvention(@Nullable MailgunSendObservationConvention observationConvention) {
		this.observation.setConvention(observationConvention);
	}

	/**
	 * Sets whether each send carries its trace context to Mailgun, so that webhooks continue the sending
	 * trace: the context a tracing handler injects into the {@code mailgun.send} observation goes into the
	 * custom variable {@value io.github.springmailgun.observation.MailgunTraceVariable#NAME} (a {@code v:}
	 * field, or the {@code X-Mailgun-Variables} header inside a MIME). Off by default; nothing is added
	 * without an observation registry or a trace context. Every recipient can read the variable in the
	 * message's headers.
	 * @param traceCorrelation whether to send the trace context
	 */
	public void setTraceCorrelation(boolean traceCorrelation) {
		this.observation.setCorrelate(traceCorrelation);
	}

	/**
	 * Replaces where sends with an idempotency key are recorded; the default, an
	 * {@link InMemorySendIdempotencyStore}, protects this instance only. Applies to the
	 * {@link #forDomain(String)} views too.
	 * @param store the store, shared by every instance that must not send a message twice
	 */
	public void setIdempotencyStore(SendIdempotencyStore store) {
		this.idempotency.setStore(store);
	}

	/**
	 * Sets how long a send with an idempotency key holds its key before a repeat stops waiting for it
	 * and is told the outcome is unknown (the instance may have stopped mid-send). Five minutes unless
	 * set; keep it above the longest send, retries and uploads included.
	 * @param inFlightLease the lease, positive
	 */
	public void setIdempotencyInFlightLease(Duration inFlightLease) {
		this.idempotency.setInFlightLease(inFlightLease);
	}

	/**
	 * Returns the settings of this client.
	 * @return the settings
	 */
	public MailgunClientSettings getSettings() {
		return this.settings;
	}

	@Override
	public String domain() {
		return this.settings.domain();
	}

	@Override
	public MessageOperations messages() {
		return this.messages;
	}

	@Override
	public MailgunOperations forDomain(String domain) {
		if (domain == null || domain.isBlank()) {
			throw new MailgunValidationException("domain", "must not be blank");
		}
		try {
			// The view shares the observation, convention included.
			return new MailgunTemplate(this.http, this.settings.withDomain(domain.trim()), this.observation,
					this.idempotency);
		}
		catch (IllegalArgumentException ex) {
			throw new MailgunValidationException("domain", String.valueOf(ex.getMessage()));
		}
	}

	@Override
	public BounceOperations bounces() {
		return new DefaultBounceOperations(this.http, domain());
	}

	@Override
	public UnsubscribeOperations unsubscribes() {
		return new DefaultUnsubscribeOperations(this.http, domain());
	}

	@Override
	public ComplaintOperations complaints() {
		return new DefaultComplaintOperations(this.http, domain());
	}

	@Override
	public AllowlistOperations allowlist() {
		return new DefaultAllowlistOperations(this.http, domain());
	}

	@Override
	public AnalyticsOperations analytics() {
		return new DefaultAnalyticsOperations(this.http, domain());
	}

	@Override
	public DomainOperations domains() {
		return new DefaultDomainOperations(this.http, domain());
	}

	@Override
	public TrackingOperations tracking() {
		return new DefaultTrackingOperations(this.http, domain());
	}

	@Override
	public TemplateOperations templates() {
		return new DefaultTemplateOperations(this.http, domain());
	}

	@Override
	public WebhookOperations webhooks() {
		return new DefaultWebhookOperations(this.http, domain());
	}

	@Override
	public RouteOperations routes() {
		return new DefaultRouteOperations(this.http, domain());
	}

}
