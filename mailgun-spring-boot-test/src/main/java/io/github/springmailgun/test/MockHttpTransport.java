package io.github.springmailgun.test;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.EventExecutor;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * The HTTP side of a {@link MailgunMockServer}: a Reactor Netty server (on loopback unless told
 * otherwise) with event loops of its own, so closing it releases every thread and connection at once and
 * no state is shared with the application's HTTP clients. Reads each body up to the size limit, asks the
 * {@link MockDispatcher} for the answer, waits for a queued delay, and writes it in one go.
 *
 * <p>
 * Reactor Netty rather than the JDK's {@code com.sun.net.httpserver}: the JDK server writes headers
 * and body in separate TCP segments without {@code TCP_NODELAY} (only a JVM-wide system property changes
 * that), which costs about 40 ms of delayed-ACK wait per request.
 */
final class MockHttpTransport implements AutoCloseable {

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

	private final MailgunMockServer server;

	private final MockDispatcher dispatcher;

	/** Runs the listening socket and hands accepted connections over to {@link #workerLoops}. */
	private final LoopResources acceptorLoops;

	/** Runs the connections. */
	private final LoopResources workerLoops;

	/** The open connections, closed explicitly by {@link #close()}. */
	private final Set<Channel> connections = ConcurrentHashMap.newKeySet();

	private final DisposableServer httpServer;

	/** The address a client on this machine connects to. */
	private final String reachableHost;

	MockHttpTransport(MailgunMockServer server, MockDispatcher dispatcher, String host, int port) {
		this.server = server;
		this.dispatcher = dispatcher;
		// Daemon threads: a mock that was not closed never keeps a test JVM alive. Separate loops for the
		// listener and the connections, so close() can stop them in an order that leaks no connection.
		this.acceptorLoops = LoopResources.create("mailgun-mock-accept", 1, true);
		this.workerLoops = LoopResources.create("mailgun-mock", 2, true);
		try {
			this.httpServer = HttpServer.create()
				.host(host)
				.port(port)
				// NIO on every platform: the loops close() waits on are then exactly the ones used.
				.runOn(new SplitLoops(this.acceptorLoops, this.workerLoops), false)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.doOnChannelInit((observer, channel, remoteAddress) -> track(channel))
				.handle(this::handle)
				.bindNow();
		}
		catch (RuntimeException ex) {
			this.acceptorLoops.disposeLater(Duration.ZERO, SHUTDOWN_TIMEOUT).block(SHUTDOWN_TIMEOUT);
			this.workerLoops.disposeLater(Duration.ZERO, SHUTDOWN_TIMEOUT).block(SHUTDOWN_TIMEOUT);
			throw new IllegalStateException("Could not start the Mailgun mock on " + host + ":" + port + ": "
					+ ex.getMessage(), ex);
		}
		InetAddress bound = ((InetSocketAddress) this.httpServer.address()).getAddress();
		// A wildcard address is no place to connect to: a client on this machine uses loopback.
		this.reachableHost = bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress()
				: bound.getHostAddress();
	}

	private void track(Channel channel) {
		this.connections.add(channel);
		channel.closeFuture().addListener(future -> this.connections.remove(channel));
	}

	int port() {
		return this.httpServer.port();
	}

	String reachableHost() {
		return this.reachableHost;
	}

	private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		this.server.countRequest();
		String method = request.method().name();
		String target = rawTarget(request.uri());
		HttpHeaders headers = request.requestHeaders();
		long limit = this.server.maxRequestSize();
		return request.receive()
			.asByteArray()
			.reduceWith(() -> new BodyCollector(limit), BodyCollector::add)
			.map(body -> this.dispatcher.answer(method, target, headers::get, body.bytes(), body.tooLarge()))
			.flatMap(answer -> (answer.delay() != null && !answer.delay().isZero())
					? Mono.delay(answer.delay()).thenReturn(answer) : Mono.just(answer))
			.flatMap(answer -> write(response, answer));
	}

	private static Mono<Void> write(HttpServerResponse response, MockAnswer answer) {
		if (answer.disconnect()) {
			response.withConnection(Connection::dispose);
			return Mono.empty();
		}
		response.status(HttpResponseStatus.valueOf(answer.status()));
		if (!answer.contentType().isEmpty()) {
			response.header(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
		}
		answer.headers().forEach(response::header);
		response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(answer.body().length));
		return response.sendByteArray(Mono.just(answer.body())).then();
	}

	/** The path and query of a request target, raw (still percent-encoded). */
	private static String rawTarget(String target) {
		if (target.startsWith("/")) {
			return target;
		}
		try {
			// An absolute-form target, as sent through a proxy.
			URI uri = URI.create(target);
			return (uri.getRawQuery() != null) ? uri.getRawPath() + "?" + uri.getRawQuery() : uri.getRawPath();
		}
		catch (IllegalArgumentException ex) {
			return target;
		}
	}

	/**
	 * Stops at once and leaks nothing. Netty's event loops do not reliably close every connection when
	 * they shut down (a connection accepted moments before was seen to stay open, its socket leaked),
	 * so connections are closed here first, in an order that misses none: close the listener, stop the
	 * acceptor loop (no more hand-offs), let the worker loops run the hand-offs already queued (each
	 * registers its connection in {@link #connections}), close every connection, then stop the loops.
	 */
	@Override
	public void close() {
		this.httpServer.disposeNow(SHUTDOWN_TIMEOUT);
		this.acceptorLoops.disposeLater(Duration.ZERO, SHUTDOWN_TIMEOUT).block(SHUTDOWN_TIMEOUT);
		for (EventExecutor loop : this.workerLoops.onServer(false)) {
			loop.submit(() -> {
			}).awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
		}
		List<ChannelFuture> closing = new ArrayList<>();
		for (Channel connection : this.connections) {
			closing.add(connection.close());
		}
		for (ChannelFuture future : closing) {
			future.awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
		}
		this.workerLoops.disposeLater(Duration.ZERO, SHUTDOWN_TIMEOUT).block(SHUTDOWN_TIMEOUT);
	}

	/**
	 * Loop resources that accept on one set of loops and serve connections on another.
	 */
	private static final class SplitLoops implements LoopResources {

		private final LoopResources acceptor;

		private final LoopResources workers;

		SplitLoops(LoopResources acceptor, LoopResources workers) {
			this.acceptor = acceptor;
			this.workers = workers;
		}

		@Override
		public EventLoopGroup onServer(boolean useNative) {
			return this.workers.onServer(useNative);
		}

		@Override
		public EventLoopGroup onServerSelect(boolean useNative) {
			return this.acceptor.onServer(useNative);
		}

		@Override
		public boolean daemon() {
			return true;
		}

		@Override
		public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
			return this.acceptor.disposeLater(quietPeriod, timeout).then(this.workers.disposeLater(quietPeriod, timeout));
		}

	}

	/**
	 * Collects a body up to the limit; beyond it, the rest is read and dropped so the client still
	 * reads the 413.
	 */
	private static final class BodyCollector {

		private final long limit;

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private long total;

		BodyCollector(long limit) {
			this.limit = limit;
		}

		BodyCollector add(byte[] chunk) {
			this.total += chunk.length;
			if (this.total <= this.limit) {
				this.bytes.write(chunk, 0, chunk.length);
			}
			else if (this.bytes.size() > 0) {
				// Free the memory at once: the request is refused anyway.
				this.bytes.reset();
			}
			return this;
		}

		boolean tooLarge() {
			return this.total > this.limit;
		}

		byte[] bytes() {
			return tooLarge() ? new byte[0] : this.bytes.toByteArray();
		}

	}

}
