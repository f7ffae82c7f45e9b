package io.github.springmailgun.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * An in-process Mailgun stub on loopback for runs without nginx (CI, a laptop): it reads and discards
 * every request body and answers {@code POST /v3/{domain}/messages} as Mailgun does. Its threads are
 * named {@value #THREAD_PREFIX}* so the harness can leave their CPU time out of the client's.
 */
public final class StubServer implements AutoCloseable {

	/** Prefix of the stub's event loop threads. */
	public static final String THREAD_PREFIX = "stub";

	static final String ACCEPTED = "{\"id\":\"<20260101000000.1.BENCH@mg.example.com>\",\"message\":\"Queued. Thank you.\"}";

	private static final ByteBuf ANSWER = Unpooled
		.unreleasableBuffer(Unpooled.wrappedBuffer(ACCEPTED.getBytes(StandardCharsets.UTF_8)).asReadOnly());

	private final LoopResources loops;

	private final DisposableServer server;

	private final AtomicLong bodyBytes = new AtomicLong();

	private StubServer(int threads) {
		this.loops = LoopResources.create(THREAD_PREFIX, 1, threads, true);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.route(routes -> routes.post("/v3/{domain}/messages", (request, response) -> request.receive()
				.doOnNext(buffer -> this.bodyBytes.addAndGet(buffer.readableBytes()))
				.then(Mono.defer(() -> response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(ANSWER.readableBytes()))
					.sendObject(ANSWER.duplicate())
					.then()))))
			.bindNow(Duration.ofSeconds(10));
	}

	/**
	 * Starts a stub on an ephemeral loopback port.
	 * @param threads event loop threads
	 * @return the running stub
	 */
	public static StubServer start(int threads) {
		return new StubServer(threads);
	}

	/**
	 * Returns the base URL, {@code http://127.0.0.1:PORT}.
	 * @return the base URL
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * Returns how many body bytes the stub has read, proof that bodies really arrive.
	 * @return the byte count
	 */
	public long bodyBytes() {
		return this.bodyBytes.get();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
		this.loops.disposeLater().block(Duration.ofSeconds(5));
	}

}
