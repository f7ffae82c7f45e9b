package io.github.springmailgun.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.springmailgun.error.MailgunAttachmentException;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.FormField;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;

/**
 * A {@code multipart/form-data} body written directly for Mailgun's forms. Text fields are encoded
 * once, into a single buffer, when the body is created; file parts are streamed from their source on
 * each subscription in small buffers, so a large attachment never sits in the heap. When every part
 * has a known size, the body has a {@code Content-Length}.
 */
public final class MultipartBody implements RequestBody {

	private static final byte[] CRLF = { '\r', '\n' };

	/** Closes a text field's name and its headers. */
	private static final byte[] NAME_END = { '"', '\r', '\n', '\r', '\n' };

	private static final String DISPOSITION = "Content-Disposition: form-data; name=\"";

	/** Values at least this long are encoded by the JDK's vectorised encoder rather than char by char. */
	private static final int BULK_ENCODE_LENGTH = 32;

	private static final char[] BOUNDARY_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		.toCharArray();

	private final String boundary;

	private final MediaType contentType;

	/** Encoded framing: segment i precedes file i; the last segment closes the body. */
	private final List<byte[]> segments;

	private final List<FilePart> files;

	private final long contentLength;

	private final boolean repeatable;

	// One flag per file part: set by whoever touches a stream part first, the reader or release().
	private final List<AtomicBoolean> opened;

	private MultipartBody(String boundary, List<byte[]> segments, List<FilePart> files, long contentLength,
			boolean repeatable) {
		this.boundary = boundary;
		this.contentType = new MediaType(MediaType.MULTIPART_FORM_DATA,
				java.util.Map.of("boundary", boundary));
		this.segments = segments;
		this.files = files;
		this.contentLength = contentLength;
		this.repeatable = repeatable;
		this.opened = files.stream().map((file) -> new AtomicBoolean()).toList();
	}

	/**
	 * Encodes text fields and file parts into a body.
	 * @param fields the text fields, in order
	 * @param files the file parts, in order
	 * @return the body
	 */
	public static MultipartBody of(List<FormField> fields, List<FilePart> files) {
		String boundary = newBoundary();
		byte[] dashBoundary = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
		ByteSink sink = new ByteSink(textLength(fields, dashBoundary.length));
		// Everything before a part's name is the same for every part: one copy each instead of four
		// writes (a 1,000-recipient request has over 1,000 fields).
		byte[] partStart = ("--" + boundary + "\r\n" + DISPOSITION).getBytes(StandardCharsets.US_ASCII);
		for (FormField field : fields) {
			sink.write(partStart).writeQuoted(field.name()).write(NAME_END);
			sink.writeUtf8(field.value()).write(CRLF);
		}
		List<byte[]> segments = new ArrayList<>(files.size() + 1);
		long length = 0;
		boolean lengthKnown = true;
		boolean repeatable = true;
		for (FilePart file : files) {
			Attachment attachment = file.attachment();
			sink.write(partStart).writeQuoted(file.name()).writeUtf8("\"; filename=\"").writeQuoted(attachment.filename());
			sink.writeUtf8("\"\r\nContent-Type: ").writeUtf8(attachment.contentType()).writeUtf8("\r\n\r\n");
			segments.add(sink.toByteArray());
			long size = attachment.knownLength();
			lengthKnown &= size >= 0;
			length += Math.max(size, 0);
			repeatable &= attachment.isRepeatable();
			sink = new ByteSink(128).write(CRLF);
		}
		segments.add(sink.write(dashBoundary).writeUtf8("--\r\n").toByteArray());
		for (byte[] segment : segments) {
			length += segment.length;
		}
		return new MultipartBody(boundary, List.copyOf(segments), List.copyOf(files), lengthKnown ? length : -1,
				repeatable);
	}

	/**
	 * Returns the size of the text part of a body: exact when names and values are ASCII, so the
	 * encoder neither grows its array nor copies it to trim it (a 1,000-recipient batch request is
	 * 174 KB, and growing to it from a guess was about 4% of a batch's CPU samples).
	 */
	private static int textLength(List<FormField> fields, int dashBoundaryLength) {
		long length = dashBoundaryLength + 4L;
		for (FormField field : fields) {
			length += dashBoundaryLength + 2 + DISPOSITION.length() + field.name().length() + 1 + 4
					+ field.value().length() + 2;
		}
		return (int) Math.min(length, Integer.MAX_VALUE - 16);
	}

	/**
	 * Returns the boundary that separates the parts.
	 * @return the boundary
	 */
	public String boundary() {
		return this.boundary;
	}

	@Override
	public MediaType contentType() {
		return this.contentType;
	}

	@Override
	public long contentLength() {
		return this.contentLength;
	}

	@Override
	public boolean isRepeatable() {
		return this.repeatable;
	}

	/**
	 * Returns the bytes, produced lazily on subscription, with file parts read into buffers of the given
	 * factory. A body without files is held in memory: a single {@link Mono} buffer when small (see
	 * {@link DataBuffers#wrap}).
	 * @param bufferFactory the connection's factory (Netty's pooled, off-heap buffers on Reactor Netty)
	 * @return the content
	 */
	@Override
	public Publisher<DataBuffer> content(DataBufferFactory bufferFactory) {
		if (this.files.isEmpty()) {
			return DataBuffers.wrap(this.segments.get(0), bufferFactory);
		}
		return Flux.range(0, this.files.size())
			.concatMap(i -> Flux.concat(DataBuffers.wrap(this.segments.get(i), bufferFactory),
					read(this.files.get(i).attachment(), this.opened.get(i), bufferFactory)))
			.concatWith(DataBuffers.wrap(this.segments.get(this.files.size()), bufferFactory));
	}

	/**
	 * Closes the streams of parts that were never read: a send that ended before its body was written
	 * (connection refused, pool full, cancelled) would otherwise leave them open. Parts being read or
	 * read already are closed by their reader.
	 */
	public void release() {
		for (int i = 0; i < this.files.size(); i++) {
			Resource content = this.files.get(i).attachment().content();
			if (content.isOpen() && this.opened.get(i).compareAndSet(false, true)) {
				try (InputStream stream = content.getInputStream()) {
					// Opened only to be closed.
				}
				catch (IOException | IllegalStateException ex) {
					// Read or closed elsewhere already: nothing is left open.
				}
			}
		}
	}

	private static Publisher<DataBuffer> read(Attachment attachment, AtomicBoolean opened,
			DataBufferFactory bufferFactory) {
		Resource content = attachment.content();
		if (content instanceof ByteArrayResource bytes) {
			// Already in memory: wrap it instead of copying it through a stream.
			return DataBuffers.wrap(bytes.getByteArray(), bufferFactory);
		}
		if (!content.isFile()) {
			// A stream (or a class path entry) is read with blocking calls: not on the connection's event
			// loop. Files are read through an asynchronous channel and need no other thread.
			return Flux.defer(() -> {
				// A stream is read once; a class path entry may be read again by a retry.
				if (content.isOpen() && !opened.compareAndSet(false, true)) {
					return Flux.error(new IllegalStateException("the stream was closed before the send"));
				}
				return DataBufferUtils.read(content, bufferFactory, DataBuffers.SLICE);
			})
				.subscribeOn(Schedulers.boundedElastic())
				.onErrorMap((ex) -> unreadable(attachment, ex));
		}
		// The connection's own (off-heap, pooled) buffers: what is queued for the socket stays out of the
		// heap, and Netty does not copy each chunk from the heap before writing it.
		return DataBufferUtils.read(content, bufferFactory, DataBuffers.SLICE).onErrorMap((ex) -> unreadable(attachment, ex));
	}

	// Any failure to read a part (a missing file, a stream read already) ends the request before it is
	// complete: Mailgun cannot have accepted it, so it is never "may have reached Mailgun".
	private static Throwable unreadable(Attachment attachment, Throwable failure) {
		return (failure instanceof MailgunAttachmentException) ? failure : new MailgunAttachmentException(
				"Could not read part '" + attachment.filename() + "': " + failure.getMessage(), failure);
	}

	private static String newBoundary() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] chars = new char[32];
		for (int i = 0; i < chars.length; i++) {
			chars[i] = BOUNDARY_CHARS[random.nextInt(BOUNDARY_CHARS.length)];
		}
		return "mailgun-" + new String(chars);
	}

	/**
	 * A file part of the form.
	 *
	 * @param name the part name ({@code attachment}, {@code inline}, {@code message})
	 * @param attachment the file
	 */
	public record FilePart(String name, Attachment attachment) {
	}

	/** A growable byte array that encodes text without intermediate strings. */
	private static final class ByteSink {

		private byte[] bytes;

		private int size;

		ByteSink(int capacity) {
			this.bytes = new byte[capacity];
		}

		ByteSink write(byte[] data) {
			ensure(data.length);
			System.arraycopy(data, 0, this.bytes, this.size, data.length);
			this.size += data.length;
			return this;
		}

		ByteSink writeUtf8(String text) {
			int length = text.length();
			if (length >= BULK_ENCODE_LENGTH) {
				// The JDK checks and copies an ASCII string with vector instructions; a loop over charAt
				// was 18% of a 1,000-recipient batch's CPU.
				return write(text.getBytes(StandardCharsets.UTF_8));
			}
			ensure(length);
			for (int i = 0; i < length; i++) {
				char c = text.charAt(i);
				if (c >= 128) {
					// ASCII fast path until here; the JDK encoder takes the rest.
					return write(text.substring(i).getBytes(StandardCharsets.UTF_8));
				}
				this.bytes[this.size++] = (byte) c;
			}
			return this;
		}

		/**
		 * Writes a quoted-string parameter with backslash escapes, as Go's multipart writer does: Mailgun's
		 * API is written in Go, whose parser unescapes {@code \"} but not the browsers' {@code %22}. Line
		 * breaks never get here: names are tokens, and {@link Attachment} checks file names and keeps its
		 * content type as parsed, without CR, LF or NUL.
		 */
		ByteSink writeQuoted(String text) {
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (c == '"' || c == '\\') {
					return writeUtf8(text.replace("\\", "\\\\").replace("\"", "\\\""));
				}
			}
			return writeUtf8(text);
		}

		private void ensure(int extra) {
			if (this.size + extra > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.size + extra));
			}
		}

		byte[] toByteArray() {
			return (this.size == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.size);
		}

	}

}
