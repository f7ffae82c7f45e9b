package io.github.springmailgun;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.ApiPaths;
import io.github.springmailgun.internal.Json;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.internal.MultipartBody;
import io.github.springmailgun.internal.MultipartBody.FilePart;
import io.github.springmailgun.internal.Parameters;
import io.github.springmailgun.message.BatchMessage;
import io.github.springmailgun.message.BatchRecipient;
import io.github.springmailgun.message.BatchResult;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.MessageOperations;
import io.github.springmailgun.message.MimeMessageRequest;
import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.message.StoredMessage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

/**
 * {@link MessageOperations} on the client's HTTP plumbing: applies the client's defaults, encodes each
 * request once, and records the send observation.
 */
final class DefaultMessageOperations extends AbstractAreaOperations implements MessageOperations {

	private final MailgunClientSettings settings;

	private final SendObservation observation;

	private final SendIdempotency idempotency;

	private final URI messagesUri;

	private final URI mimeUri;

	DefaultMessageOperations(MailgunHttp http, MailgunClientSettings settings, SendObservation observation,
			SendIdempotency idempotency) {
		super(http, settings.domain());
		this.settings = settings;
		this.observation = observation;
		this.idempotency = idempotency;
		this.messagesUri = http.uri("/v3/{domain}/messages", settings.domain());
		this.mimeUri = http.uri("/v3/{domain}/messages.mime", settings.domain());
	}

	@Override
	public Mono<SendResponse> send(MailgunMessage message) {
		return Mono.defer(() -> {
			MailgunMessage ready = requireNonNull("message", message).withDefaults(this.settings.defaultFrom(),
					this.settings.testMode());
			ready.requireSendable();
			String key = ready.idempotencyKey();
			return (key != null) ? this.idempotency.send(this.domain, ready, key, () -> sendOnce(ready))
					: sendOnce(ready);
		});
	}

	private Mono<SendResponse> sendOnce(MailgunMessage ready) {
		return Mono.defer(() -> {
			List<FilePart> files = new ArrayList<>(ready.attachments().size() + ready.inlines().size());
			ready.attachments().forEach(part -> files.add(new FilePart("attachment", part)));
			ready.inlines().forEach(part -> files.add(new FilePart("inline", part)));
			return exchange("messages", this.messagesUri, ready.recipientCount(),
					trace -> MultipartBody.of(TraceCorrelation.withVariable(ready.formFields(), trace), files));
		});
	}

	@Override
	public Mono<SendResponse> sendMime(MimeMessageRequest request) {
		return Mono.defer(() -> {
			MimeMessageRequest ready = requireNonNull("message", request).withDefaults(this.settings.testMode());
			return exchange("mime", this.mimeUri, ready.recipientCount(),
					trace -> MultipartBody.of(TraceCorrelation.requireUnreserved(ready.formFields(), trace),
							List.of(new FilePart("message", TraceCorrelation.withVariable(ready.message(), trace)))));
		});
	}

	@Override
	public Flux<BatchResult> sendBatch(BatchMessage batch) {
		return Flux.defer(() -> {
			List<List<BatchRecipient>> chunks = requireNonNull("message", batch).chunks();
			// Every request is built before the first is sent: one that cannot be built fails the batch.
			List<MailgunMessage> messages = batch.requests(this.settings.defaultFrom(), this.settings.testMode());
			messages.get(0).requireSendable();
			return Flux.range(0, chunks.size())
				.flatMapSequential(index -> send(messages.get(index))
					.map(response -> new BatchResult(index, chunks.get(index), response, null))
					.onErrorResume(error -> Mono.just(new BatchResult(index, chunks.get(index), null, error))),
						batch.concurrency());
		});
	}

	@Override
	public Mono<StoredMessage> storedMessage(String storageKeyOrUrl) {
		return Mono.defer(() -> get(storedMessageUri(storageKeyOrUrl), body -> StoredMessage.fromJson(Json.readMap(body))));
	}

	@Override
	public Mono<SendResponse> resend(String storageKeyOrUrl, String... to) {
		return Mono.defer(() -> {
			URI uri = storedMessageUri(storageKeyOrUrl);
			Parameters form = new Parameters();
			for (String recipients : requireNonNull("to", to)) {
				form.add("to", requireKey("to", recipients));
			}
			if (to.length == 0) {
				throw new MailgunValidationException("to", "must name at least one recipient");
			}
			// A stored message keeps the variables it was sent with.
			return exchange("resend", uri, to.length, trace -> multipart(form));
		});
	}

	/**
	 * Returns where a stored message is: a key goes into this domain's path, a URL (an event's
	 * {@code storage.url}) must have the stored-message shape on a trusted host.
	 */
	private URI storedMessageUri(String storageKeyOrUrl) {
		String value = requireText("storage_key", storageKeyOrUrl).trim();
		if (value.regionMatches(true, 0, "http://", 0, 7) || value.regionMatches(true, 0, "https://", 0, 8)) {
			return this.http.trustedHosts().require("storage.url", value, ApiPaths.storedMessage());
		}
		if (value.contains("/") || value.contains("?") || value.contains("#")) {
			throw new MailgunValidationException("storage_key",
					"must be a storage key or an absolute URL, was '" + value + "'");
		}
		return this.http.uri("/v3/domains/{domain}/messages/{storage_key}", this.domain, value);
	}

	/**
	 * Sends the body built, once the observation started, with the trace variable's value ({@code null}
	 * unless trace correlation is on).
	 */
	private Mono<SendResponse> exchange(String operation, URI uri, int recipientCount,
			Function<@Nullable String, MultipartBody> request) {
		return this.observation.observe(this.domain, operation, recipientCount, trace -> {
			MultipartBody body = request.apply(trace);
			// A send may have reached Mailgun once its body is written: not idempotent.
			return exchange(HttpMethod.POST, uri, body, false, DefaultMessageOperations::readSendResponse)
				// Before the outcome is signalled (not after, as doFinally would): a caller that sees the
				// failure finds the streams closed.
				.doOnTerminate(body::release)
				.doOnCancel(body::release);
		});
	}

	private static SendResponse readSendResponse(byte[] body) {
		SendResponse response = Json.mapper().readValue(body, SendResponse.class);
		if (response == null || response.id() == null) {
			throw new IllegalArgumentException("no message id");
		}
		return response;
	}

}
