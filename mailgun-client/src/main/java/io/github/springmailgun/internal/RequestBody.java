package io.github.springmailgun.internal;

import org.reactivestreams.Publisher;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;

/**
 * The body of a request to Mailgun: its type, its length when known, and its bytes. {@link #content()}
 * may be subscribed once per attempt; a body that cannot be replayed says so.
 */
public interface RequestBody {

	/**
	 * Returns the content type header value.
	 * @return the content type
	 */
	MediaType contentType();

	/**
	 * Returns the body length in bytes, or -1 when it is not known before writing (then it is chunked).
	 * @return the length
	 */
	long contentLength();

	/**
	 * Returns whether the body can be written again for a retry.
	 * @return whether it can be replayed
	 */
	boolean isRepeatable();

	/**
	 * Returns the bytes, produced lazily on subscription, in buffers of the given factory. A small body of one
	 * buffer is a {@code Mono}: Reactor Netty then writes the request headers and the body in one flush.
	 * @param bufferFactory the connection's factory (Netty's pooled buffers on Reactor Netty)
	 * @return the content
	 */
	Publisher<DataBuffer> content(DataBufferFactory bufferFactory);

}
