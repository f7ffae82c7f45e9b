package io.github.springmailgun.internal;

import org.reactivestreams.Publisher;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;

/**
 * A body held in memory: URL-encoded forms and JSON.
 *
 * @param contentType the content type
 * @param bytes the body
 */
public record BytesBody(MediaType contentType, byte[] bytes) implements RequestBody {

	@Override
	public long contentLength() {
		return this.bytes.length;
	}

	@Override
	public boolean isRepeatable() {
		return true;
	}

	@Override
	public Publisher<DataBuffer> content(DataBufferFactory bufferFactory) {
		return DataBuffers.wrap(this.bytes, bufferFactory);
	}

}
