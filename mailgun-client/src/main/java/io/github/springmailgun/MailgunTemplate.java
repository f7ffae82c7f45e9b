package io.github.springmailgun;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.github.springmailgun.analytics.AnalyticsOperations;
import io.github.springmailgun.domain.DomainOperations;
import io.github.springmailgun.domain.TrackingOperations;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.ApiRequest;
import io.github.springmailgun.internal.Json;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.internal.MultipartBody;
import io.github.springmailgun.internal.MultipartBody.FilePart;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.BatchMessage;
import io.github.springmailgun.message.BatchRecipient;
import io.github.springmailgun.message.BatchResult;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.MimeMessageRequest;
import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.message.StoredMessage;
import io.github.springmailgun.observation.DefaultMailgunSendObservationConvention;
import io.github.springmailgun.observation.MailgunSendObservationContext;
import io.github.springmailgun.observation.MailgunSendObservationConvention;
import io.github.springmailgun.suppression.AllowlistOperations;
import io.github.springmailgun.suppression.BounceOperations;
import io.github.springmailgun.suppression.ComplaintOperations;
import io.github.springmailgun.suppression.UnsubscribeOperations;
import io.github.springmailgun.template.TemplateOperations;
import io.github.springmailgun.webhook.WebhookOperations;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpMethod;
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

	private final ObservationRegistry observationRegistry;

	private final URI messagesUri;

	private final URI mimeUri;

	private @Nullable MailgunSendObservationConvention observationConvention;

	private final DomainOperations domains;

	private final TrackingOperations tracking;

	private final TemplateOperations templates;

	private final WebhookOperations webhooks;

	private final BounceOperations bounces;

	private final UnsubscribeOperations unsubscribes;

	private final ComplaintOperations complaints;

	private final AllowlistOperations allowlist;

	private final AnalyticsOperations analytics;

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
		this(MailgunHttp.create(webClientBuilder, settings, USER_AGENT), settings, observationRegistry, null);
	}

	private MailgunTemplate(MailgunHttp http, MailgunClientSettings settings, ObservationRegistry observationRegistry,
			@Nullable MailgunSendObservationConvention observationConvention) {
		this.http = http;
		this.settings = settings;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.messagesUri = http.uri("/v3/{domain}/messages", settings.domain());
		this.mimeUri = http.uri("/v3/{domain}/messages.mime", settings.domain());
		this.domains = new DefaultDomainOperations(http, settings.domain());
		this.tracking = new DefaultTrackingOperations(http, settings.domain());
		this.templates = new DefaultTemplateOperations(http, settings.domain());
		this.webhooks = new DefaultWebhookOperations(http, settings.domain());
		this.bounces = new DefaultBounceOperations(http, settings.domain());
		this.unsubscribes = new DefaultUnsubscribeOperations(http, settings.domain());
		this.complaints = new DefaultComplaintOperations(http, settings.domain());
		this.allowlist = new DefaultAllowlistOperations(http, settings.domain());
		this.analytics = new DefaultAnalyticsOperations(http, settings.domain());
	}

	/**
	 * Creates the Reactor Netty connector the client uses when no builder is given: the settings'
	 * connect timeout, and a response timeout equal to the read timeout.
	 * @param settings the settings
	 * @return the connector
	 */
	public static ClientHttpConnector defaultConnector(MailgunClientSettings settings) {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(settings.connectTimeout().toMillis(),
					Integer.MAX_VALUE))
			.responseTimeout(settings.readTimeout());
		return new ReactorClientHttpConnector(httpClient);
	}

	/**
	 * Replaces the names and tags of the {@code mailgun.send} observation.
	 * @param observationConvention the convention, or {@code null} for the default
	 */
	public void setObservationConvention(@Nullable MailgunSendObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
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
	public Mono<SendResponse> send(MailgunMessage message) {
		return Mono.defer(() -> {
			MailgunMessage ready = requireMessage(message).withDefaults(this.settings.defaultFrom(),
					this.settings.testMode());
			ready.requireSendable();
			List<FilePart> files = new ArrayList<>(ready.attachments().size() + ready.inlines().size());
			for (Attachment attachment : ready.attachments()) {
				files.add(new FilePart("attachment", attachment));
			}
			for (Attachment inline : ready.inlines()) {
				files.add(new FilePart("inline", inline));
			}
			MultipartBody body = MultipartBody.of(ready.formFields(), files);
			ApiRequest request = new ApiRequest(HttpMethod.POST, this.messagesUri, body, false);
			return observe("messages", ready.recipientCount(), this.http.exchange(request, MailgunTemplate::readSendResponse));
		});
	}

	@Override
	public Mono<SendResponse> sendMime(MimeMessageRequest request) {
		return Mono.defer(() -> {
			if (request == null) {
				throw new MailgunValidationException("message", "must not be null");
			}
			MimeMessageRequest ready = request.withDefaults(this.settings.testMode());
			MultipartBody body = MultipartBody.of(ready.formFields(), List.of(new FilePart("message", ready.message())));
			ApiRequest apiRequest = new ApiRequest(HttpMethod.POST, this.mimeUri, body, false);
			return observe("mime", ready.recipientCount(),
					this.http.exchange(apiRequest, MailgunTemplate::readSendResponse));
		});
	}

	@Override
	public Flux<BatchResult> sendBatch(BatchMessage batch) {
		return Flux.defer(() -> {
			if (batch == null) {
				throw new MailgunValidationException("message", "must not be null");
			}
			List<List<BatchRecipient>> chunks = batch.chunks();
			// Nothing is sent when a request cannot be built: requests that could fail are built here, the
			// rest (plain variables) as they are sent (see BatchMessage.requests).
			List<MailgunMessage> messages = batch.requests(this.settings.defaultFrom(), this.settings.testMode());
			MailgunMessage first = messages.get(0);
			first.requireSendable();
			return Flux.range(0, chunks.size())
				.flatMapSequential(index -> send((index == 0) ? first : messages.get(index))
					.map(response -> new BatchResult(index, chunks.get(index), response, null))
					.onErrorResume(error -> Mono.just(new BatchResult(index, chunks.get(index), null, error))),
						batch.concurrency());
		});
	}

	@Override
	public Mono<StoredMessage> storedMessage(String storageKeyOrUrl) {
		return Mono.defer(() -> {
			if (storageKeyOrUrl == null || storageKeyOrUrl.isBlank()) {
				throw new MailgunValidationException("storage_key", "must not be blank");
			}
			String value = storageKeyOrUrl.trim();
			URI uri;
			if (value.regionMatches(true, 0, "http://", 0, 7) || value.regionMatches(true, 0, "https://", 0, 8)) {
				uri = this.http.trustedHosts().require("storage.url", value);
			}
			else {
				if (value.contains("/") || value.contains("?") || value.contains("#")) {
					throw new MailgunValidationException("storage_key",
							"must be a storage key or an absolute URL, was '" + value + "'");
				}
				uri = this.http.uri("/v3/domains/{domain}/messages/{key}", this.settings.domain(), value);
			}
			return this.http.exchange(ApiRequest.of(HttpMethod.GET, uri),
					body -> StoredMessage.fromJson(Json.readMap(body)));
		});
	}

	@Override
	public MailgunOperations forDomain(String domain) {
		if (domain == null || domain.isBlank()) {
			throw new MailgunValidationException("domain", "must not be blank");
		}
		MailgunClientSettings other;
		try {
			other = this.settings.withDomain(domain.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new MailgunValidationException("domain", ex.getMessage());
		}
		return new MailgunTemplate(this.http, other, this.observationRegistry, this.observationConvention);
	}

	@Override
	public BounceOperations bounces() {
		return this.bounces;
	}

	@Override
	public UnsubscribeOperations unsubscribes() {
		return this.unsubscribes;
	}

	@Override
	public ComplaintOperations complaints() {
		return this.complaints;
	}

	@Override
	public AllowlistOperations allowlist() {
		return this.allowlist;
	}

	@Override
	public AnalyticsOperations analytics() {
		return this.analytics;
	}

	private Mono<SendResponse> observe(String operation, int recipientCount, Mono<SendResponse> call) {
		if (this.observationRegistry.isNoop()) {
			return call;
		}
		return Mono.deferContextual(contextView -> {
			MailgunSendObservationContext context = new MailgunSendObservationContext(this.settings.domain(),
					operation, recipientCount);
			Observation observation = Observation.createNotStarted(this.observationConvention,
					DefaultMailgunSendObservationConvention.INSTANCE, () -> context, this.observationRegistry);
			Observation parent = contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			if (parent != null) {
				observation.parentObservation(parent);
			}
			observation.start();
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

	private static MailgunMessage requireMessage(@Nullable MailgunMessage message) {
		if (message == null) {
			throw new MailgunValidationException("message", "must not be null");
		}
		return message;
	}

	private static SendResponse readSendResponse(byte[] body) {
		SendResponse response = Json.mapper().readValue(body, SendResponse.class);
		if (response == null || response.id() == null) {
			throw new IllegalArgumentException("no message id");
		}
		return response;
	}

	@Override
	public DomainOperations domains() {
		return this.domains;
	}

	@Override
	public TrackingOperations tracking() {
		return this.tracking;
	}

	@Override
	public TemplateOperations templates() {
		return this.templates;
	}

	@Override
	public WebhookOperations webhooks() {
		return this.webhooks;
	}

}
