package io.github.springmailgun.boot.inbound;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.inbound.InboundAttachment;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;

/**
 * Reads an inbound post, {@code multipart/form-data} or {@code application/x-www-form-urlencoded}, from a
 * blocking stream within {@link InboundLimits}: text fields into memory up to {@code max-field-size}, files
 * and {@code body-mime} straight into temporary files named by this class (never by the sender), and
 * everything up to {@code max-request-size}. Its own parser, because Spring's readers hold every text field
 * in memory, {@code body-mime} included, and the web stacks' multipart settings are far below real mail.
 * On any failure the files it created are deleted before the exception leaves.
 */
final class InboundRequestReader {

	static final String MIME_FIELD = "body-mime";

	static final int BUFFER_SIZE = 64 * 1024;

	private static final int MAX_NAME_SIZE = 1024;

	private final InboundLimits limits;

	InboundRequestReader(InboundLimits limits) {
		this.limits = limits;
	}

	/**
	 * Reads a request body.
	 * @param body the body, read to its end or to the first limit passed
	 * @param type the request's media type, multipart with a boundary or form-encoded
	 * @return the fields and files
	 * @throws LimitExceededException when the request passes a limit
	 * @throws MalformedRequestException when the body is not a form of that type
	 * @throws IOException when the body cannot be read (the client went away)
	 */
	Form read(InputStream body, MediaType type) throws IOException {
		Form form = new Form();
		try (InputStream in = new BoundedInputStream(body, this.limits.maxRequestSize())) {
			if (MediaType.MULTIPART_FORM_DATA.includes(type)) {
				String boundary = type.getParameter("boundary");
				if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
					throw new MalformedRequestException("multipart body without a usable boundary");
				}
				new InboundMultipartParser(in, unquote(boundary), form, this::open).parse();
			}
			else {
				readUrlEncoded(in, form);
			}
			return form;
		}
		catch (IOException | RuntimeException ex) {
			form.deleteFiles();
			throw ex;
		}
	}

	private void readUrlEncoded(InputStream in, Form form) throws IOException {
		byte[] buffer = new byte[BUFFER_SIZE];
		ByteArrayOutputStream name = new ByteArrayOutputStream();
		Sink value = null;
		int escape = -1;
		int escaped = 0;
		int n;
		while (true) {
			n = in.read(buffer);
			for (int i = 0; i < Math.max(n, 0); i++) {
				int b = buffer[i] & 0xFF;
				if (b == '&') {
					if (escape >= 0) {
						throw new MalformedRequestException("form field ends inside a %-escape");
					}
					endField(form, name, value);
					value = null;
					continue;
				}
				if (value == null && b == '=') {
					value = open(form, decodeText(name.toByteArray(), StandardCharsets.UTF_8), null, null);
					continue;
				}
				if (escape >= 0) {
					escaped = escaped * 16 + hex(b);
					if (++escape == 2) {
						append(name, value, escaped);
						escape = -1;
					}
					continue;
				}
				if (b == '%') {
					escape = 0;
					escaped = 0;
				}
				else {
					append(name, value, (b == '+') ? ' ' : b);
				}
			}
			if (n < 0) {
				break;
			}
		}
		if (escape >= 0) {
			throw new MalformedRequestException("form ends inside a %-escape");
		}
		endField(form, name, value);
	}

	private static void append(ByteArrayOutputStream name, @Nullable Sink value, int b) throws IOException {
		if (value != null) {
			value.write(b);
		}
		else if (name.size() >= MAX_NAME_SIZE) {
			throw new MalformedRequestException("form field name longer than " + MAX_NAME_SIZE + " bytes");
		}
		else {
			name.write(b);
		}
	}

	private void endField(Form form, ByteArrayOutputStream name, @Nullable Sink value) throws IOException {
		if (value == null) {
			if (name.size() > 0) {
				// A field without '=' is a name with an empty value, as browsers read it.
				open(form, decodeText(name.toByteArray(), StandardCharsets.UTF_8), null, null).close(form);
			}
		}
		else {
			value.close(form);
		}
		name.reset();
	}

	private static int hex(int b) {
		int digit = Character.digit(b, 16);
		if (digit < 0) {
			throw new MalformedRequestException("form holds a %-escape that is not hexadecimal");
		}
		return digit;
	}

	/**
	 * Starts a field: counted against {@code max-fields}; a file when the sender named one or it is the raw
	 * MIME, otherwise text in memory.
	 */
	Sink open(Form form, String name, @Nullable String fileName, @Nullable MediaType contentType)
			throws IOException {
		if (++form.count > this.limits.maxFields()) {
			throw new LimitExceededException("mailgun.inbound.max-fields",
					"more than " + this.limits.maxFields() + " form fields and files");
		}
		if (fileName != null || MIME_FIELD.equals(name)) {
			Path file = Files.createTempFile(this.limits.tempDirectory(), "mailgun-inbound-", ".part");
			form.files.add(file);
			FileSink sink = new FileSink(name, fileName, contentType, file);
			form.writing = sink;
			return sink;
		}
		Charset charset = (contentType != null && contentType.getCharset() != null) ? contentType.getCharset()
				: StandardCharsets.UTF_8;
		return new TextSink(name, charset, this.limits.maxFieldSize());
	}

	private static String decodeText(byte[] bytes, Charset charset) {
		return new String(bytes, charset);
	}

	private static String unquote(String value) {
		return (value.length() > 1 && value.startsWith("\"") && value.endsWith("\""))
				? value.substring(1, value.length() - 1) : value;
	}

	/**
	 * Where the bytes of one field go.
	 */
	abstract static class Sink {

		private final byte[] single = new byte[1];

		abstract void write(byte[] bytes, int offset, int length) throws IOException;

		abstract void close(Form form) throws IOException;

		final void write(int b) throws IOException {
			this.single[0] = (byte) b;
			write(this.single, 0, 1);
		}

	}

	private static final class TextSink extends Sink {

		private final String name;

		private final Charset charset;

		private final int maxSize;

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		TextSink(String name, Charset charset, int maxSize) {
			this.name = name;
			this.charset = charset;
			this.maxSize = maxSize;
		}

		@Override
		void write(byte[] bytes, int offset, int length) {
			if (this.bytes.size() + (long) length > this.maxSize) {
				throw new LimitExceededException("mailgun.inbound.max-field-size",
						"field " + this.name + " is longer than " + this.maxSize + " bytes");
			}
			this.bytes.write(bytes, offset, length);
		}

		@Override
		void close(Form form) {
			form.fields.computeIfAbsent(this.name, (key) -> new ArrayList<>()).add(decodeText(this.bytes.toByteArray(), this.charset));
		}

	}

	private static final class FileSink extends Sink {

		private final String name;

		private final @Nullable String fileName;

		private final @Nullable MediaType contentType;

		private final Path file;

		private final OutputStream out;

		private long size;

		FileSink(String name, @Nullable String fileName, @Nullable MediaType contentType, Path file)
				throws IOException {
			this.name = name;
			this.fileName = fileName;
			this.contentType = contentType;
			this.file = file;
			this.out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER_SIZE);
		}

		@Override
		void write(byte[] bytes, int offset, int length) throws IOException {
			this.out.write(bytes, offset, length);
			this.size += length;
		}

		void abort() {
			try {
				this.out.close();
			}
			catch (IOException ex) {
				// The file is deleted next; a failed flush changes nothing.
			}
		}

		@Override
		void close(Form form) throws IOException {
			form.writing = null;
			this.out.close();
			InboundAttachment attachment = new InboundAttachment(this.name, this.fileName,
					(this.contentType != null) ? this.contentType.toString() : null, this.size, this.file);
			if (MIME_FIELD.equals(this.name) && form.mime == null) {
				form.mime = attachment;
			}
			else {
				form.attachments.add(attachment);
			}
		}

	}

	/**
	 * What a request held. The files belong to the caller once {@link #read} returned.
	 */
	static final class Form {

		final Map<String, List<String>> fields = new LinkedHashMap<>();

		final List<InboundAttachment> attachments = new ArrayList<>();

		@Nullable InboundAttachment mime;

		final List<Path> files = new ArrayList<>();

		int count;

		// The file being written, whose stream a failure must close.
		@Nullable FileSink writing;

		void deleteFiles() {
			if (this.writing != null) {
				this.writing.abort();
				this.writing = null;
			}
			for (Path file : this.files) {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					// Left for the temporary directory's own cleaning; nothing better to do on this path.
				}
			}
		}

	}

	/**
	 * Counts what is read and fails past the limit, before the excess reaches memory or disk.
	 */
	private static final class BoundedInputStream extends FilterInputStream {

		private final long max;

		private long count;

		BoundedInputStream(InputStream in, long max) {
			super(in);
			this.max = max;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = super.read(b, off, len);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			this.count += n;
			if (this.count > this.max) {
				throw new LimitExceededException("mailgun.inbound.max-request-size",
						"request longer than " + this.max + " bytes");
			}
		}

	}

	/**
	 * A request past one of the limits.
	 */
	static final class LimitExceededException extends RuntimeException {

		private final String property;

		LimitExceededException(String property, String message) {
			super(message, null, false, false);
			this.property = property;
		}

		String property() {
			return this.property;
		}

	}

	/**
	 * A body that is not the form its content type says.
	 */
	static final class MalformedRequestException extends RuntimeException {

		MalformedRequestException(String message) {
			super(message, null, false, false);
		}

	}

}
