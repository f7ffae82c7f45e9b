package io.github.springmailgun.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ReactiveHttpOutputMessage;

/**
 * The wait for the response headers of one attempt, bounded by the read timeout on every connector. It
 * starts once the request body is out (or, without a body, once the request is handed to the connector)
 * and stops when the headers arrive, so an upload does not count against it (except on the JDK client
 * for a body held in memory, which it takes in one piece before writing it). Reactor Netty's own response timeout would need a cast to its request type, and the JDK
 * client's request timeout would count the upload as well.
 */
final class ResponseDeadline {

	private static final int WAITING = 0;

	private static final int RUNNING = 1;

	private static final int STOPPED = 2;

	private static final int EXPIRED = 3;

	private final Duration timeout;

	private final AtomicInteger state = new AtomicInteger(WAITING);

	private final AtomicReference<@Nullable MonoSink<?>> sink = new AtomicReference<>();

	/** The body is out when the connector took its last buffer and its write completed: two signals. */
	private final AtomicInteger bodySignals = new AtomicInteger(2);

	private volatile @Nullable Disposable timer;

	ResponseDeadline(Duration timeout) {
		this.timeout = timeout;
	}

	/** Starts the wait, once: the request is out. */
	void start() {
		if (this.state.compareAndSet(WAITING, RUNNING)) {
			this.timer = Schedulers.parallel().schedule(this::expire, this.timeout.toNanos(), TimeUnit.NANOSECONDS);
			if (this.state.get() == STOPPED) {
				cancelTimer();
			}
		}
	}

	/** Stops the wait: the headers arrived, or the attempt ended. */
	void stop() {
		if (this.state.getAndSet(STOPPED) == RUNNING) {
			cancelTimer();
		}
	}

	/**
	 * Writes the body, starting the wait once the connector has both taken its last buffer and finished
	 * writing: Reactor Netty finishes the write when the bytes are on the socket, the JDK client takes a
	 * buffer when it sends it. A {@code Mono} body stays a {@code Mono}, which Reactor Netty writes in one
	 * flush with the headers.
	 * @param message the request
	 * @param content the body
	 * @return the completion of the write
	 */
	Mono<Void> write(ReactiveHttpOutputMessage message, Publisher<DataBuffer> content) {
		Publisher<DataBuffer> tracked = (content instanceof Mono<DataBuffer> mono) ? mono.doOnSuccess(last -> bodyOut())
				: Flux.from(content).doOnComplete(this::bodyOut);
		return message.writeWith(tracked).doOnSuccess(written -> bodyOut());
	}

	private void bodyOut() {
		if (this.bodySignals.decrementAndGet() == 0) {
			start();
		}
	}

	/**
	 * Returns a {@code Mono} that fails with a {@link TimeoutException} when the wait expires and never
	 * signals otherwise; cancelling it stops the wait.
	 * @param <T> any type
	 * @return the expiry
	 */
	<T> Mono<T> expiry() {
		return Mono.create(sink -> {
			sink.onDispose(this::stop);
			this.sink.set(sink);
			if (this.state.get() == EXPIRED) {
				fail();
			}
		});
	}

	private void expire() {
		if (this.state.compareAndSet(RUNNING, EXPIRED)) {
			fail();
		}
	}

	/** Fails the subscribed expiry once, whichever of the timer and the subscription comes last. */
	private void fail() {
		MonoSink<?> subscribed = this.sink.getAndSet(null);
		if (subscribed != null) {
			subscribed.error(new TimeoutException("No response headers within " + this.timeout.toMillis() + "ms"));
		}
	}

	private void cancelTimer() {
		Disposable scheduled = this.timer;
		if (scheduled != null) {
			scheduled.dispose();
		}
	}

}
