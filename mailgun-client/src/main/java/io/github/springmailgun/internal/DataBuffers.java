package io.github.springmailgun.internal;

import java.nio.ByteBuffer;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Reads a stream of buffers into one byte array, for the client's responses and the webhook endpoint's
 * requests alike, and hands bytes held in memory to a connector.
 */
public final class DataBuffers {

	/**
	 * The largest buffer of a request body: attachments are read in buffers of this size and larger
	 * arrays are handed over in slices, so that the write timeout sees an upload's progress (a single
	 * buffer of megabytes would be taken at once and then written for minutes).
	 */
	public static final int SLICE = 16 * 1024;

	private DataBuffers() {
	}

	/**
	 * Wraps bytes in buffers of the given factory, without copying them: one buffer, as a {@code Mono},
	 * up to {@link #SLICE} bytes, otherwise slices of that size.
	 * @param bytes the bytes
	 * @param bufferFactory the connection's factory
	 * @return the buffers, created on subscription
	 */
	public static Publisher<DataBuffer> wrap(byte[] bytes, DataBufferFactory bufferFactory) {
		if (bytes.length <= SLICE) {
			return Mono.fromSupplier(() -> bufferFactory.wrap(bytes));
		}
		return Flux.range(0, (bytes.length + SLICE - 1) / SLICE).map(i -> bufferFactory
			.wrap(ByteBuffer.wrap(bytes, i * SLICE, Math.min(SLICE, bytes.length - i * SLICE))));
	}

	/**
	 * Joins the buffers into bytes, releasing them; fails with Spring's {@code DataBufferLimitException}
	 * past the limit.
	 * @param buffers the buffers, for example a body
	 * @param maxBytes the most bytes to read
	 * @return the bytes, empty when there were none
	 */
	public static Mono<byte[]> readAll(Publisher<? extends DataBuffer> buffers, int maxBytes) {
		return DataBufferUtils.join(buffers, maxBytes).map(buffer -> {
			try {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				return bytes;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}).defaultIfEmpty(new byte[0]);
	}

}
