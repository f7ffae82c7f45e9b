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
 * The waits of one attempt, on one timer and alike on every connector. While the body is written, the
 * connector must take a buffer of it at least once per write timeout: an upload may be slow, not stalled
 * (a server or proxy that stops reading fills the TCP window, and the connector stops taking buffers).
 * Once the body is out (or, without a body, once the request is handed to the connector), the response
 * headers must arrive within the read timeout, so an upload does not count against it. Reactor Netty's
 * own timeouts would need a cast to its types, and the JDK client's request timeout would count the
 * whole upload. Connectors take buffers ahead of the socket (Reactor Netty about 64 of
 * {@link DataBuffers#SLICE} bytes at a time, the kernel's send buffer holds some more), so progress
 * shows at that granularity. A retry also has what is left of the call's max-elapsed-time: when it runs
 * out, the attempt ends with {@link OutOfTime} whatever it was doing, reading the response body included.
 */
final class AttemptDeadline {

	private static final int WAITING = 0;

	private static final int WRITING = 1;

	private static final int RESPONDING = 2;

	private static final int STOPPED = 3;

	private static final int EXPIRED = 4;

	private final Duration writeTimeout;

	private final Duration readTimeout;

	private final long bodyLength;

	/** Whether the attempt is a retry, which must end by {@link #callDeadline}. */
	private final boolean bounded;

	private final long callDeadline;

	private final AtomicInteger state = new AtomicInteger(WAITING);

	private final AtomicReference<@Nullable MonoSink<?>> sink = new AtomicReference<>();

	/** The body is out when the connector took its last buffer and its write completed: two signals. */
	private final AtomicInteger bodySignals = new AtomicInteger(2);

	/** When the current wait began: the last buffer the connector took, or the end of the body. */
	private volatile long since;

	/** Written only by the body's signals, which are serial. */
	private volatile long bytesTaken;

	private volatile @Nullable Disposable timer;

	private volatile @Nullable TimeoutException failure;

	/**
	 * Creates the waits of one attempt, a retry's timer running from now.
	 * @param writeTimeout the longest an upload may go without progress
	 * @param readTimeout the longest wait for the response headers once the request is out
	 * @param bodyLength the length of the body, -1 when unknown, for the message of a stall
	 * @param budget for a retry, what is left of the call's max-elapsed-time; {@code null} for the first
	 * attempt
	 */
	AttemptDeadline(Duration writeTimeout, Duration readTimeout, long bodyLength, @Nullable Duration budget) {
		this.writeTimeout = writeTimeout;
		this.readTimeout = readTimeout;
		this.bodyLength = bodyLength;
		this.bounded = budget != null;
		this.callDeadline = System.nanoTime() + ((budget != null) ? budget.toNanos() : 0);
		if (this.bounded) {
			check();
		}
	}

	/** Starts the wait for the response headers, once: the request is out. */
	void start() {
		this.since = System.nanoTime();
		if (this.state.compareAndSet(WAITING, RESPONDING)) {
			if (!this.bounded) {
				check();
			}
		}
		else {
			this.state.compareAndSet(WRITING, RESPONDING);
		}
	}

	/** Stops the waits: the headers arrived, or the attempt ended. */
	void stop() {
		int previous = this.state.getAndUpdate(current -> (current == EXPIRED) ? EXPIRED : STOPPED);
		if (previous < STOPPED) {
			cancelTimer();
		}
	}

	/**
	 * Writes the body, watching its progress, and starts the wait for the response once the connector has
	 * both taken its last buffer and finished writing: Reactor Netty finishes the write when the bytes are
	 * on the socket, the JDK client takes a buffer when it sends it. A {@code Mono} body stays a
	 * {@code Mono}, which Reactor Netty writes in one flush with the headers.
	 * @param message the request
	 * @param content the body
	 * @return the completion of the write
	 */
	Mono<Void> write(ReactiveHttpOutputMessage message, Publisher<DataBuffer> content) {
		this.since = System.nanoTime();
		// A retry's timer runs from its start already.
		if (this.state.compareAndSet(WAITING, WRITING) && !this.bounded) {
			check();
		}
		Publisher<DataBuffer> tracked = (content instanceof Mono<DataBuffer> mono) ? mono.doOnSuccess(last -> {
			if (last != null) {
				taken(last);
			}
			bodyOut();
		}) : Flux.from(content).doOnNext(this::taken).doOnComplete(this::bodyOut);
		return message.writeWith(tracked).doOnSuccess(written -> bodyOut());
	}

	private void taken(DataBuffer buffer) {
		this.bytesTaken += buffer.readableByteCount();
		this.since = System.nanoTime();
	}

	private void bodyOut() {
		if (this.bodySignals.decrementAndGet() == 0) {
			start();
		}
	}

	/**
	 * Returns a {@code Mono} that fails with a {@link TimeoutException} (an {@link UploadStalled} while the
	 * body is written) when a wait expires and never signals otherwise; cancelling it stops the waits.
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

	/**
	 * Bounds the reading of a response body by the read timeout, and a retry's also by the call's
	 * deadline, as {@code timeout(Duration)} would. That operator names the whole pipeline (with a regular
	 * expression) on every subscription, 3.6% of a send's CPU in a JFR profile; this needs no name, and
	 * schedules no timer at all when the body was already read by the time it is subscribed.
	 * @param <T> the result type
	 * @param body the reading of the body
	 * @return the reading, or a {@link TimeoutException} ({@link OutOfTime} when the call's time ran out)
	 */
	<T> Mono<T> within(Mono<T> body) {
		long callLeft = this.bounded ? this.callDeadline - System.nanoTime() : Long.MAX_VALUE;
		boolean callEnds = callLeft < this.readTimeout.toNanos();
		Duration wait = callEnds ? Duration.ofNanos(Math.max(callLeft, 0)) : this.readTimeout;
		Mono<T> expired = Mono.delay(wait).then(Mono.error(() -> callEnds ? new OutOfTime(true)
				: new TimeoutException("Did not read the response body within " + this.readTimeout.toMillis() + "ms")));
		return Mono.firstWithSignal(body, expired);
	}

	/**
	 * Expires the current wait when it has run out, or looks again when it may have: the timer never
	 * sleeps longer than the read timeout, so that the switch from the upload to the response never has
	 * to move it.
	 */
	private void check() {
		while (true) {
			int current = this.state.get();
			if (current >= STOPPED) {
				return;
			}
			long now = System.nanoTime();
			long left = (current == WAITING) ? Long.MAX_VALUE
					: this.since + ((current == WRITING) ? this.writeTimeout : this.readTimeout).toNanos() - now;
			boolean callEnds = this.bounded && this.callDeadline - now <= left;
			if (callEnds) {
				left = this.callDeadline - now;
			}
			if (left > 0) {
				this.timer = Schedulers.parallel()
					.schedule(this::check, Math.min(left, this.readTimeout.toNanos()), TimeUnit.NANOSECONDS);
				if (this.state.get() >= STOPPED) {
					cancelTimer();
				}
				return;
			}
			this.failure = callEnds ? new OutOfTime(current == RESPONDING)
					: (current == WRITING) ? new UploadStalled(this.writeTimeout, this.bytesTaken, this.bodyLength)
							: new TimeoutException("No response headers within " + this.readTimeout.toMillis() + "ms");
			if (this.state.compareAndSet(current, EXPIRED)) {
				fail();
				return;
			}
		}
	}

	/** Fails the subscribed expiry once, whichever of the timer and the subscription comes last. */
	private void fail() {
		MonoSink<?> subscribed = this.sink.getAndSet(null);
		TimeoutException expired = this.failure;
		if (subscribed != null && expired != null) {
			subscribed.error(expired);
		}
	}

	private void cancelTimer() {
		Disposable scheduled = this.timer;
		if (scheduled != null) {
			scheduled.dispose();
		}
	}

	/**
	 * The call's max-elapsed-time ran out during a retry, which was cancelled.
	 */
	static final class OutOfTime extends TimeoutException {

		private final boolean requestOut;

		OutOfTime(boolean requestOut) {
			super("retry.max-elapsed-time ran out");
			this.requestOut = requestOut;
		}

		/**
		 * Returns whether the cancelled attempt's request had gone out whole, so that it may have reached
		 * Mailgun.
		 */
		boolean requestOut() {
			return this.requestOut;
		}

	}

	/**
	 * The connector took no buffer of the body for the write timeout: the request did not go out whole,
	 * so Mailgun cannot have accepted it.
	 */
	static final class UploadStalled extends TimeoutException {

		UploadStalled(Duration writeTimeout, long bytesTaken, long bodyLength) {
			super("no progress for " + writeTimeout + " after " + bytesTaken
					+ ((bodyLength >= 0) ? " of " + bodyLength : "") + " bytes");
		}

	}

}
