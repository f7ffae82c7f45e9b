package io.github.springmailgun.autoconfigure.webhook;

import java.util.OptionalLong;

import io.github.springmailgun.boot.webhook.MailgunWebhookHandler;
import io.github.springmailgun.internal.DataBuffers;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The webhook endpoint of a WebFlux application: reads the body up to a limit, then hands it to the
 * {@link MailgunWebhookHandler} on the bounded elastic scheduler, since listeners and the token store may
 * block.
 */
final class WebFluxWebhookEndpoint {

	private final MailgunWebhookHandler handler;

	private final int maxBodySize;

	private WebFluxWebhookEndpoint(MailgunWebhookHandler handler, int maxBodySize) {
		this.handler = handler;
		this.maxBodySize = maxBodySize;
	}

	static RouterFunction<ServerResponse> routerFunction(String path, MailgunWebhookHandler handler, int maxBodySize) {
		WebFluxWebhookEndpoint endpoint = new WebFluxWebhookEndpoint(handler, maxBodySize);
		return RouterFunctions.route().POST(path, endpoint::handle).build();
	}

	private Mono<ServerResponse> handle(ServerRequest request) {
		OptionalLong length = request.headers().contentLength();
		if (length.isPresent() && length.getAsLong() > this.maxBodySize) {
			return tooLarge();
		}
		String contentType = request.headers().firstHeader(HttpHeaders.CONTENT_TYPE);
		return DataBuffers.readAll(request.body(BodyExtractors.toDataBuffers()), this.maxBodySize)
			.flatMap((body) -> {
				if (body.length == 0 && MailgunWebhookHandler.isForm(contentType)) {
					// A filter (Spring Security's CSRF check, say) may have read the form already.
					return request.formData()
						.publishOn(Schedulers.boundedElastic())
						.map(this.handler::handleForm);
				}
				return Mono.fromCallable(() -> this.handler.handle(body, contentType))
					.subscribeOn(Schedulers.boundedElastic());
			})
			.flatMap((status) -> ServerResponse.status(status).build())
			.onErrorResume(DataBufferLimitException.class, (ex) -> tooLarge());
	}

	private static Mono<ServerResponse> tooLarge() {
		return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE).build();
	}

}
