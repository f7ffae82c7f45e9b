package io.github.springmailgun.autoconfigure.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import io.github.springmailgun.autoconfigure.webhook.SignedWebhooks;

/**
 * Builds inbound posts the way Mailgun's routes forward mail: text fields, files, and the signature
 * fields, in the order they are added.
 */
public final class InboundPost {

	/** The boundary of multipart posts. */
	public static final String BOUNDARY = "----mailgun-inbound-5c9a0e";

	private final List<Object> parts = new ArrayList<>();

	/**
	 * Adds a text field.
	 * @param name the name
	 * @param value the value
	 * @return this post
	 */
	public InboundPost field(String name, String value) {
		this.parts.add(new String[] { name, value });
		return this;
	}

	/**
	 * Adds a file of the given bytes.
	 * @param name the field name
	 * @param fileName the declared file name
	 * @param contentType the content type
	 * @param content the content
	 * @return this post
	 */
	public InboundPost file(String name, String fileName, String contentType, byte[] content) {
		return file(name, fileName, contentType, content.length, () -> new java.io.ByteArrayInputStream(content));
	}

	/**
	 * Adds a file whose content is produced while the post is sent.
	 * @param name the field name
	 * @param fileName the declared file name
	 * @param contentType the content type
	 * @param size the content size
	 * @param content opens the content
	 * @return this post
	 */
	public InboundPost file(String name, String fileName, String contentType, long size, Supplier<InputStream> content) {
		this.parts.add(new FilePart(name, fileName, contentType, size, content));
		return this;
	}

	/**
	 * Adds the signature fields, signed with a key.
	 * @param key the signing key
	 * @param token the token
	 * @return this post
	 */
	public InboundPost signed(String key, String token) {
		String timestamp = SignedWebhooks.timestamp(Duration.ZERO);
		return field("timestamp", timestamp).field("token", token)
			.field("signature", SignedWebhooks.sign(key, timestamp, token));
	}

	/**
	 * Returns the post as {@code application/x-www-form-urlencoded}; only text fields.
	 * @return the body
	 */
	public String urlEncoded() {
		StringBuilder body = new StringBuilder();
		for (Object part : this.parts) {
			String[] field = (String[]) part;
			if (!body.isEmpty()) {
				body.append('&');
			}
			body.append(URLEncoder.encode(field[0], StandardCharsets.UTF_8)).append('=')
				.append(URLEncoder.encode(field[1], StandardCharsets.UTF_8));
		}
		return body.toString();
	}

	/**
	 * Returns the length of the multipart body.
	 * @return the length in bytes
	 */
	public long multipartLength() {
		long length = 0;
		for (Object part : this.parts) {
			length += head(part, part == this.parts.get(0)).length + ((part instanceof FilePart file) ? file.size : 0);
		}
		return length + tail().length;
	}

	/**
	 * Opens the post as {@code multipart/form-data} with {@link #BOUNDARY}, streamed.
	 * @return the body
	 */
	public InputStream multipart() {
		List<InputStream> streams = new ArrayList<>();
		for (Object part : this.parts) {
			streams.add(new java.io.ByteArrayInputStream(head(part, part == this.parts.get(0))));
			if (part instanceof FilePart file) {
				streams.add(new LazyStream(file.content));
			}
		}
		streams.add(new java.io.ByteArrayInputStream(tail()));
		return new SequenceInputStream(Collections.enumeration(streams));
	}

	/**
	 * Returns the post as {@code multipart/form-data} bytes.
	 * @return the body
	 */
	public byte[] multipartBytes() {
		try (InputStream in = multipart()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// The delimiter before each part (with the line break that ends the part before), its headers, and
	// for a text field its value.
	private static byte[] head(Object part, boolean first) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] separator = ((first ? "" : "\r\n") + "--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII);
		out.writeBytes(separator);
		if (part instanceof FilePart file) {
			out.writeBytes(("Content-Disposition: form-data; name=\"" + file.name + "\"; filename=\"" + file.fileName
					+ "\"\r\nContent-Type: " + file.contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		}
		else {
			String[] field = (String[]) part;
			out.writeBytes(("Content-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n" + field[1])
				.getBytes(StandardCharsets.UTF_8));
		}
		return out.toByteArray();
	}

	private static byte[] tail() {
		return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
	}

	private record FilePart(String name, String fileName, String contentType, long size, Supplier<InputStream> content) {

	}

	/**
	 * Opens the content when first read, so that a post can be sent twice.
	 */
	private static final class LazyStream extends InputStream {

		private final Supplier<InputStream> supplier;

		private InputStream in;

		LazyStream(Supplier<InputStream> supplier) {
			this.supplier = supplier;
		}

		private InputStream in() {
			if (this.in == null) {
				this.in = this.supplier.get();
			}
			return this.in;
		}

		@Override
		public int read() throws IOException {
			return in().read();
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			return in().read(b, off, len);
		}

		@Override
		public void close() throws IOException {
			if (this.in != null) {
				this.in.close();
			}
		}

	}

}
