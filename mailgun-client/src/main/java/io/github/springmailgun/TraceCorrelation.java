package io.github.springmailgun;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.Json;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.FormField;
import io.github.springmailgun.observation.MailgunTraceVariable;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

/**
 * Puts the trace variable into a request: a {@code v:} field of {@code messages}, or a key of the
 * {@code X-Mailgun-Variables} header inside the MIME of {@code messages.mime} (added, or merged into the
 * one the MIME has). Only the MIME's header block is rewritten, and at most {@link #MAX_HEADER_BYTES} of it
 * is held: the body is passed through as it comes. A MIME given as bytes is rewritten at once; a stream or
 * a file when it is read, so that no blocking read happens on the caller's thread.
 */
final class TraceCorrelation {

	/** The most of a MIME read to find the end of its header block. */
	static final int MAX_HEADER_BYTES = 256 * 1024;

	private static final String FIELD = "v:" + MailgunTraceVariable.NAME;

	private static final String HEADER = "X-Mailgun-Variables";

	private TraceCorrelation() {
	}

	/** The fields with the trace variable added, refusing one the caller set under the reserved name. */
	static List<FormField> withVariable(List<FormField> fields, @Nullable String trace) {
		if (trace == null) {
			return fields;
		}
		List<FormField> traced = new ArrayList<>(requireUnreserved(fields, trace));
		traced.add(new FormField(FIELD, trace));
		return traced;
	}

	/** The fields unchanged, after checking that none uses the reserved name while correlating. */
	static List<FormField> requireUnreserved(List<FormField> fields, @Nullable String trace) {
		if (trace != null) {
			for (FormField field : fields) {
				if (field.name().equals(FIELD)) {
					throw reserved(FIELD);
				}
			}
		}
		return fields;
	}

	/** The MIME with the trace variable in its {@code X-Mailgun-Variables} header. */
	static Attachment withVariable(Attachment mime, @Nullable String trace) {
		if (trace == null) {
			return mime;
		}
		Resource content = mime.content();
		Resource traced = (content instanceof ByteArrayResource bytes)
				? new ByteArrayResource(rewrite(bytes.getByteArray(), trace)) : new TracedMime(content, trace);
		return new Attachment(mime.filename(), mime.contentType(), traced);
	}

	static byte[] rewrite(byte[] mime, String trace) {
		int end = headerEnd(mime, Math.min(mime.length, MAX_HEADER_BYTES));
		if (end < 0 && mime.length > MAX_HEADER_BYTES) {
			throw tooLong();
		}
		int headEnd = (end >= 0) ? end : mime.length;
		byte[] head = addVariable(mime, headEnd, trace);
		ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + mime.length - headEnd);
		out.write(head, 0, head.length);
		out.write(mime, headEnd, mime.length - headEnd);
		return out.toByteArray();
	}

	/**
	 * Returns where the blank line that ends the header block starts, or -1 when {@code length} bytes hold
	 * none.
	 */
	static int headerEnd(byte[] mime, int length) {
		for (int i = 0; i < length; i++) {
			boolean lineStart = i == 0 || mime[i - 1] == '\n';
			if (lineStart && (mime[i] == '\n' || (mime[i] == '\r' && i + 1 < length && mime[i + 1] == '\n'))) {
				return i;
			}
		}
		return -1;
	}

	/** The header block {@code mime[0, end)} with the variable added, in the MIME's own line ending. */
	private static byte[] addVariable(byte[] mime, int end, String trace) {
		// ISO-8859-1 maps each byte to one char and back: the bytes are kept as they are.
		String head = new String(mime, 0, end, StandardCharsets.ISO_8859_1);
		int firstLf = head.indexOf('\n');
		String eol = (firstLf > 0 && head.charAt(firstLf - 1) == '\r') ? "\r\n" : "\n";
		String entry = "\"" + MailgunTraceVariable.NAME + "\":" + Json.mapper().writeValueAsString(trace);
		int start = findHeader(head);
		if (start < 0) {
			String separator = (head.isEmpty() || head.endsWith("\n")) ? "" : eol;
			return (head + separator + HEADER + ": {" + entry + "}" + eol).getBytes(StandardCharsets.ISO_8859_1);
		}
		int stop = start;
		do {
			int lf = head.indexOf('\n', stop);
			stop = (lf < 0) ? head.length() : lf + 1;
		}
		while (stop < head.length() && (head.charAt(stop) == ' ' || head.charAt(stop) == '\t'));
		String header = head.substring(start, stop);
		String value = header.substring(HEADER.length() + 1).replaceAll("\r?\n(?=[ \t])", "").trim();
		@Nullable Map<String, Object> variables;
		try {
			variables = Json.readMap(value.getBytes(StandardCharsets.ISO_8859_1));
		}
		catch (RuntimeException ex) {
			variables = null;
		}
		if (variables == null) {
			throw new MailgunValidationException(HEADER,
					"must be a JSON object for the trace context to be added to it (trace correlation is on)");
		}
		if (variables.containsKey(MailgunTraceVariable.NAME)) {
			throw reserved(HEADER + " key '" + MailgunTraceVariable.NAME + "'");
		}
		int brace = header.indexOf('{');
		String merged = header.substring(0, brace + 1) + entry + (variables.isEmpty() ? "" : ",")
				+ header.substring(brace + 1);
		return (head.substring(0, start) + merged + head.substring(stop)).getBytes(StandardCharsets.ISO_8859_1);
	}

	/** Returns where the {@code X-Mailgun-Variables} header starts, or -1. */
	private static int findHeader(String head) {
		int lineStart = 0;
		while (lineStart < head.length()) {
			if (head.regionMatches(true, lineStart, HEADER + ":", 0, HEADER.length() + 1)) {
				return lineStart;
			}
			int lf = head.indexOf('\n', lineStart);
			lineStart = (lf < 0) ? head.length() : lf + 1;
		}
		return -1;
	}

	private static MailgunValidationException reserved(String name) {
		return new MailgunValidationException(name, "'" + MailgunTraceVariable.NAME
				+ "' is reserved for the trace context while trace correlation is on");
	}

	private static MailgunValidationException tooLong() {
		return new MailgunValidationException("message", "has no end of its header block in the first "
				+ MAX_HEADER_BYTES / 1024 + " KB; the trace context cannot be added to it");
	}

	/**
	 * A MIME from a stream, a file or another resource, whose header block is rewritten when it is read.
	 * Its length is not known before that, so the request has none.
	 */
	private static final class TracedMime extends AbstractResource {

		private final Resource mime;

		private final String trace;

		TracedMime(Resource mime, String trace) {
			this.mime = mime;
			this.trace = trace;
		}

		@Override
		public InputStream getInputStream() throws IOException {
			InputStream in = this.mime.getInputStream();
			try {
				byte[] head = readHead(in);
				return new SequenceInputStream(new ByteArrayInputStream(rewrite(head, this.trace)), in);
			}
			catch (IOException | RuntimeException ex) {
				in.close();
				throw ex;
			}
		}

		/** Reads up to the end of the header block (and a little after it), or to the end of the MIME. */
		private static byte[] readHead(InputStream in) throws IOException {
			ByteArrayOutputStream head = new ByteArrayOutputStream(8192);
			byte[] chunk = new byte[8192];
			int read;
			while ((read = in.read(chunk)) >= 0) {
				head.write(chunk, 0, read);
				byte[] bytes = head.toByteArray();
				// A blank line split across two reads is found once the second arrives.
				if (headerEnd(bytes, bytes.length) >= 0) {
					return bytes;
				}
				if (bytes.length > MAX_HEADER_BYTES) {
					throw tooLong();
				}
			}
			return head.toByteArray();
		}

		@Override
		public boolean exists() {
			// Not AbstractResource's, which opens the stream to find out.
			return this.mime.exists();
		}

		@Override
		public boolean isOpen() {
			return this.mime.isOpen();
		}

		@Override
		public long contentLength() throws IOException {
			// Unknown until the header block is read: Attachment.knownLength() reads this as -1.
			throw new IOException("the length of a MIME with the trace context added is not known in advance");
		}

		@Override
		public @Nullable String getFilename() {
			return this.mime.getFilename();
		}

		@Override
		public String getDescription() {
			return "MIME with the trace context from " + this.mime.getDescription();
		}

	}

}
