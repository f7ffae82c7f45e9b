package io.github.springmailgun.autoconfigure.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.github.springmailgun.boot.inbound.MailgunInboundHandler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The inbound endpoint of a WebFlux application: hands the request body, as a blocking stream with a
 * bounded prefetch, to the {@link MailgunInboundHandler} on the bounded elastic scheduler, since reading
 * to disk and the listeners block. No codec is involved, so WebFlux's in-memory limits do not apply.
 */
final class WebFluxInboundEndpoint {

	// Buffers requested ahead of the reader: bounds the memory a request holds, whatever its size.
	private static final int PREFETCH = 4;

	private final MailgunInboundHandler handler;

	private WebFluxInboundEndpoint(MailgunInboundHandler handler) {
		this.handler = handler;
	}

	static RouterFunction<ServerResponse> routerFunction(String path, MailgunInboundHandler handler) {
		WebFluxInboundEndpoint endpoint = new WebFluxInboundEndpoint(handler);
		return RouterFunctions.route().POST(path, endpoint::handle).build();
	}

	private Mono<ServerResponse> handle(ServerRequest request) {
		long length = request.headers().contentLength().orElse(-1);
		if (this.handler.isTooLarge(length)) {
			return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE).header(HttpHeaders.CONNECTION, "close").build();
		}
		String contentType = request.headers().firstHeader(HttpHeaders.CONTENT_TYPE);
		// The stream rethrows the body's error as it is (reactor-netty's AbortedException when the client goes
		// away): as an UncheckedIOException the handler answers it like any unreadable body, instead of it
		// escaping to WebFlux, which logs an ERROR "500 Server Error" for a client that hung up.
		Flux<DataBuffer> buffers = request.body(BodyExtractors.toDataBuffers())
			.onErrorMap((ex) -> !(ex instanceof UncheckedIOException),
					(ex) -> new UncheckedIOException((ex instanceof IOException io) ? io
							: new IOException("Request body could not be read", ex)));
		return Mono.fromCallable(() -> {
			try (InputStream body = DataBufferUtils.subscriberInputStream(buffers, PREFETCH)) {
				return this.handler.handle(body, contentType, length);
			}
		}).subscribeOn(Schedulers.boundedElastic()).flatMap((status) -> ServerResponse.status(status).build());
	}

}
