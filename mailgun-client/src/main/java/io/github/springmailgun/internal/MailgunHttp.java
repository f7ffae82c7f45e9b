package io.github.springmailgun.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.error.MailgunException;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.error.MailgunUnreadableResponseException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Executes calls to Mailgun: authentication, timeouts, error mapping and retries, shared by every API
 * area of the client. The API key is attached here and only to URLs that {@link TrustedHosts} allows.
 */
public final class MailgunHttp {

	/** Bodies of successful responses larger than this are refused (stored messages are the largest). */
	private static final int MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

	/** Error bodies are read up to this size; Mailgun's are tiny, a proxy's page may not be. */
	private static final int MAX_ERROR_BYTES = 64 * 1024;

	private static final List<MediaType> ACCEPT = List.of(MediaType.APPLICATION_JSON);

	private final WebClient webClient;

	private final MailgunClientSettings settings;

	private final TrustedHosts trustedHosts;

	private final Retries retries;

	/** Set on each request when there are no default headers to carry it (see {@link #create}). */
	private final @Nullable String userAgent;

	private MailgunHttp(WebClient webClient, MailgunClientSettings settings, @Nullable String userAgent) {
		this.webClient = webClient;
		this.userAgent = userAgent;
		this.settings = settings;
		this.trustedHosts = new TrustedHosts(settings.baseUrl());
		this.retries = new Retries(settings.retry());
	}

	/**
	 * Creates the plumbing on a copy of the given builder, sending the given {@code User-Agent} unless the
	 * builder's default headers already name one. When the builder has no default headers, the header is
	 * set on each request instead of as a default: WebClient then uses each request's headers as they
	 * are, where default headers would be merged into a new header map on every call (about 4% of a
	 * send's CPU in the load harness). The credentials are added by a filter of its own, the innermost, so
	 * that no filter of the builder sees them.
	 * @param webClientBuilder the builder, left unchanged
	 * @param settings the settings
	 * @param userAgent the {@code User-Agent} to send
	 * @return the plumbing
	 */
	public static MailgunHttp create(WebClient.Builder webClientBuilder, MailgunClientSettings settings,
			String userAgent) {
		WebClient.Builder builder = webClientBuilder.clone();
		AtomicBoolean perRequest = new AtomicBoolean();
		builder.defaultHeaders(headers -> {
			if (headers.isEmpty()) {
				perRequest.set(true);
			}
			else if (!headers.containsHeader(HttpHeaders.USER_AGENT)) {
				headers.set(HttpHeaders.USER_AGENT, userAgent);
			}
		});
		String authorization = "Basic " + Base64.getEncoder()
			.encodeToString(("api:" + settings.apiKey()).getBytes(StandardCharsets.UTF_8));
		// Added last, so innermost: filters of the application's WebClientCustomizers (which bring metrics
		// and tracing, and may log headers) run before it and never see the credentials.
		builder.filter((request, next) -> next.exchange(ClientRequest.from(request)
			.headers((headers) -> headers.set(HttpHeaders.AUTHORIZATION, authorization))
			.build()));
		return new MailgunHttp(builder.build(), settings, perRequest.get() ? userAgent : null);
	}

	/**
	 * Returns the settings this plumbing was created with.
	 * @return the settings
	 */
	public MailgunClientSettings settings() {
		return this.settings;
	}

	/**
	 * Returns the policy for absolute URLs that did not come from the settings.
	 * @return the trusted hosts
	 */
	public TrustedHosts trustedHosts() {
		return this.trustedHosts;
	}

	/**
	 * Builds an API URL from a path template, encoding the variables as path segments.
	 * @param pathTemplate a path such as {@code /v3/{domain}/messages}
	 * @param variables the values of the template's variables, in order
	 * @return the absolute URL
	 */
	public URI uri(String pathTemplate, Object... variables) {
		return new Parameters().toUri(this, pathTemplate, variables);
	}

	/**
	 * Executes a call with retries, reading a successful body with the given reader.
	 * @param <T> the result type
	 * @param request the call
	 * @param reader turns the body of a 2xx response into the result
	 * @return the result, or an error that is a {@link MailgunException}
	 */
	public <T> Mono<T> exchange(ApiRequest request, ResponseReader<T> reader) {
		return Mono.deferContextual(context -> {
			Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			return this.retries.around(request, budget -> attempt(request, reader, budget), observation);
		});
	}

	private <T> Mono<T> attempt(ApiRequest request, ResponseReader<T> reader, @Nullable Duration budget) {
		if (!this.trustedHosts.isTrusted(request.uri())) {
			return Mono.error(new MailgunValidationException("url", "host '" + request.uri().getHost()
					+ "' is not trusted with the API key"));
		}
		Duration readTimeout = this.settings.readTimeout();
		RequestBody body = request.body();
		// WebClient calls the httpRequest callback once the connector has the request, just before writing:
		// a failure before it (the pool refused or timed out) cannot have reached Mailgun.
		AtomicBoolean handedToConnection = new AtomicBoolean();
		AttemptDeadline deadline = new AttemptDeadline(this.settings.writeTimeout(), readTimeout,
				(body != null) ? body.contentLength() : 0, budget);
		WebClient.RequestBodySpec spec = this.webClient.method(request.method())
			.uri(request.uri())
			.headers(headers -> {
				headers.setAccept(ACCEPT);
				if (this.userAgent != null) {
					headers.set(HttpHeaders.USER_AGENT, this.userAgent);
				}
			})
			.httpRequest(httpRequest -> {
				handedToConnection.set(true);
				if (body == null) {
					deadline.start();
				}
			});
		WebClient.RequestHeadersSpec<?> ready = spec;
		if (body != null) {
			spec.contentType(body.contentType());
			if (body.contentLength() >= 0) {
				spec.contentLength(body.contentLength());
			}
			ready = spec.body(inserter(body, deadline));
		}
		Mono<T> exchange = ready.exchangeToMono(response -> {
			deadline.stop();
			return handle(response, request, reader, deadline);
		});
		return Mono.firstWithSignal(exchange, deadline.<T>expiry())
			.onErrorMap(failure -> !(failure instanceof MailgunException),
					failure -> TransportFailures.classify(failure, request, handedToConnection.get(), this.settings));
	}

	/**
	 * Writes a body with the connection's buffer factory: a multipart body then reads its files into
	 * Netty's pooled buffers, and a body of one buffer goes out as a {@code Mono}, with the headers. The
	 * write timeout bounds a stall of the upload; the wait for the response starts when the body is out.
	 */
	private static BodyInserter<?, ReactiveHttpOutputMessage> inserter(RequestBody body, AttemptDeadline deadline) {
		return (message, context) -> deadline.write(message, body.content(message.bufferFactory()));
	}

	private <T> Mono<T> handle(ClientResponse response, ApiRequest request, ResponseReader<T> reader,
			AttemptDeadline deadline) {
		int status = response.statusCode().value();
		Duration readTimeout = this.settings.readTimeout();
		if (status >= 200 && status < 300) {
			// Mailgun has answered: whatever goes wrong from here is final, never a reason to call again.
			return deadline.within(DataBuffers.readAll(response.body(BodyExtractors.toDataBuffers()), MAX_RESPONSE_BYTES)).map(bytes -> {
				try {
					return reader.read(bytes);
				}
				catch (JacksonException | IllegalArgumentException ex) {
					throw unreadable(status, request, "not the expected JSON (" + problem(ex) + "): "
							+ ErrorResponses.cut(new String(bytes, StandardCharsets.UTF_8)), ex);
				}
			}).onErrorMap(failure -> !(failure instanceof MailgunException), failure -> unreadable(status, request,
					(failure instanceof DataBufferLimitException) ? "over " + MAX_RESPONSE_BYTES + " bytes"
							: (failure instanceof AttemptDeadline.OutOfTime) ? "not read before retry.max-elapsed-time ran out"
							: (failure instanceof TimeoutException) ? "not read within " + readTimeout.toMillis() + " ms"
									: failure.getClass().getSimpleName() + ": " + failure.getMessage(), failure));
		}
		HttpHeaders headers = response.headers().asHttpHeaders();
		return deadline.within(DataBuffers.readAll(response.body(BodyExtractors.toDataBuffers()), MAX_ERROR_BYTES).onErrorResume(DataBufferLimitException.class,
				ex -> Mono.just(("error body over " + MAX_ERROR_BYTES + " bytes").getBytes(StandardCharsets.UTF_8))))
			.flatMap(bytes -> Mono.error(ErrorResponses.toException(status, headers, bytes,
					request.method().name(), request.path(), this.settings.region(), Instant.now())));
	}

	// Names the field a model cannot do without (Jackson's path to it) or repeats the reader's own
	// message, which names it; Jackson's message itself may quote the body at length.
	private static String problem(RuntimeException failure) {
		if (failure instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			StringBuilder path = new StringBuilder();
			for (JacksonException.Reference reference : jackson.getPath()) {
				String name = reference.getPropertyName();
				path.append((name != null) ? ((path.length() > 0) ? "." : "") + name : "[" + reference.getIndex() + "]");
			}
			return "field '" + path + "' is missing or has the wrong type";
		}
		return (failure instanceof IllegalArgumentException && failure.getMessage() != null) ? failure.getMessage()
				: "unreadable";
	}

	private static MailgunUnreadableResponseException unreadable(int status, ApiRequest request, String summary,
			Throwable cause) {
		return new MailgunUnreadableResponseException(status, request.method().name(), request.path(), summary, cause);
	}

	/**
	 * Reads the body of a successful response.
	 *
	 * @param <T> the result type
	 */
	@FunctionalInterface
	public interface ResponseReader<T> {

		/**
		 * Reads the body.
		 * @param body the bytes of the body, empty when there was none
		 * @return the result
		 */
		T read(byte[] body);

	}

}
