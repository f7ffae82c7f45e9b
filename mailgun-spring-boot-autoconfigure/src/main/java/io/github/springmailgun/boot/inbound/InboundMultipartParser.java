package io.github.springmailgun.boot.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.springmailgun.boot.inbound.InboundRequestReader.Form;
import io.github.springmailgun.boot.inbound.InboundRequestReader.MalformedRequestException;
import io.github.springmailgun.boot.inbound.InboundRequestReader.Sink;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;

/**
 * Reads a multipart body for {@link InboundRequestReader}: parts separated by {@code CRLF--boundary}, each
 * with headers, read through one buffer so that no part is held whole.
 */
final class InboundMultipartParser {

	private static final int MAX_HEADERS_SIZE = 16 * 1024;

	private final InputStream in;

	private final byte[] delimiter;

	private final Form form;

	private final PartOpener opener;

	private final byte[] buffer = new byte[InboundRequestReader.BUFFER_SIZE];

	private int position;

	private int limit;

	InboundMultipartParser(InputStream in, String boundary, Form form, PartOpener opener) {
		this.in = in;
		this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		this.form = form;
		this.opener = opener;
		// The first boundary has no line break before it: pretend it has, so that one search fits all.
		this.buffer[0] = '\r';
		this.buffer[1] = '\n';
		this.limit = 2;
	}

	void parse() throws IOException {
		copyUntilDelimiter(null);
		while (true) {
			if (!ensure(2)) {
				throw new MalformedRequestException("multipart body ends after a boundary");
			}
			if (this.buffer[this.position] == '-' && this.buffer[this.position + 1] == '-') {
				return;
			}
			readLine(MAX_HEADERS_SIZE); // transport padding after the boundary, then its line break
			Map<String, String> headers = readHeaders();
			String disposition = headers.get("content-disposition");
			if (disposition == null) {
				throw new MalformedRequestException("multipart part without Content-Disposition");
			}
			ContentDisposition contentDisposition = parseDisposition(disposition);
			String name = contentDisposition.getName();
			if (name == null) {
				throw new MalformedRequestException("multipart part without a field name");
			}
			Sink sink = this.opener.open(this.form, name, contentDisposition.getFilename(), mediaType(headers.get("content-type")));
			copyUntilDelimiter(sink);
			sink.close(this.form);
		}
	}

	private Map<String, String> readHeaders() throws IOException {
		Map<String, String> headers = new LinkedHashMap<>();
		int total = 0;
		while (true) {
			String line = readLine(MAX_HEADERS_SIZE - total);
			total += line.length() + 2;
			if (line.isEmpty()) {
				return headers;
			}
			int colon = line.indexOf(':');
			if (colon <= 0) {
				throw new MalformedRequestException("multipart part header without a name");
			}
			headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
					line.substring(colon + 1).strip());
		}
	}

	private String readLine(int max) throws IOException {
		int scanned = 0;
		while (true) {
			for (int i = this.position + scanned; i + 1 < this.limit; i++) {
				if (this.buffer[i] == '\r' && this.buffer[i + 1] == '\n') {
					String line = new String(this.buffer, this.position, i - this.position, StandardCharsets.UTF_8);
					this.position = i + 2;
					return line;
				}
			}
			scanned = Math.max(0, this.limit - this.position - 1);
			if (scanned > max) {
				throw new MalformedRequestException("multipart part headers longer than " + MAX_HEADERS_SIZE + " bytes");
			}
			if (!fill()) {
				throw new MalformedRequestException("multipart body ends inside part headers");
			}
		}
	}

	/**
	 * Passes the bytes before the next delimiter to the sink (or drops them), then skips the delimiter.
	 */
	private void copyUntilDelimiter(@Nullable Sink sink) throws IOException {
		while (true) {
			int found = indexOfDelimiter();
			if (found >= 0) {
				if (sink != null) {
					sink.write(this.buffer, this.position, found - this.position);
				}
				this.position = found + this.delimiter.length;
				return;
			}
			// Keep the tail that may be the start of a delimiter split across reads.
			int safe = Math.max(this.position, this.limit - this.delimiter.length + 1);
			if (sink != null) {
				sink.write(this.buffer, this.position, safe - this.position);
			}
			this.position = safe;
			if (!fill()) {
				throw new MalformedRequestException("multipart body ends before its closing boundary");
			}
		}
	}

	private int indexOfDelimiter() {
		byte first = this.delimiter[0];
		int last = this.limit - this.delimiter.length;
		outer: for (int i = this.position; i <= last; i++) {
			if (this.buffer[i] != first) {
				continue;
			}
			for (int j = 1; j < this.delimiter.length; j++) {
				if (this.buffer[i + j] != this.delimiter[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private boolean ensure(int count) throws IOException {
		while (this.limit - this.position < count) {
			if (!fill()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Moves the unread bytes to the front and reads more after them.
	 * @return {@code false} at the end of the stream
	 */
	private boolean fill() throws IOException {
		int remaining = this.limit - this.position;
		System.arraycopy(this.buffer, this.position, this.buffer, 0, remaining);
		this.position = 0;
		this.limit = remaining;
		if (remaining == this.buffer.length) {
			throw new MalformedRequestException("multipart line longer than " + InboundRequestReader.BUFFER_SIZE + " bytes");
		}
		int n = this.in.read(this.buffer, this.limit, this.buffer.length - this.limit);
		if (n < 0) {
			return false;
		}
		this.limit += n;
		return true;
	}


	private static ContentDisposition parseDisposition(String value) {
		try {
			return ContentDisposition.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedRequestException("multipart part with an unreadable Content-Disposition");
		}
	}

	private static @Nullable MediaType mediaType(@Nullable String value) {
		try {
			return (value != null) ? MediaType.parseMediaType(value) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Starts the field of a part: where its bytes go.
	 */
	interface PartOpener {

		Sink open(Form form, String name, @Nullable String fileName, @Nullable MediaType contentType)
				throws IOException;

	}

}
