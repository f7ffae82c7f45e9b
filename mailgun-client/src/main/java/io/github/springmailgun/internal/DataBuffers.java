package io.github.springmailgun.internal;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Reads a stream of buffers into one byte array, for the client's responses and the webhook endpoint's
 * requests alike.
 */
public final class DataBuffers {

	private DataBuffers() {
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
