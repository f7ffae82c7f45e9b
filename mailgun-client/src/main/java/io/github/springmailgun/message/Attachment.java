package io.github.springmailgun.message;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * A file sent with a message: an {@code attachment}, an {@code inline} part (referenced from HTML as
 * {@code cid:<filename>}), or the MIME of {@code messages.mime}. The content is streamed when the
 * request is written, never read into the heap as a whole (unless it was given as a {@code byte[]}).
 *
 * @param filename the file name Mailgun shows (and the Content-ID of an inline part)
 * @param contentType the media type of the content, as parsed (what goes into the part's header)
 * @param content where the bytes come from
 */
public record Attachment(String filename, String contentType, Resource content) {

	/**
	 * Checks the values and keeps the content type as parsed, which is what goes on the wire: it is a
	 * part header, so CR, LF and NUL are refused even inside a quoted parameter.
	 */
	public Attachment {
		Objects.requireNonNull(content, "content");
		Checks.requireLine("attachment", filename);
		contentType = parseContentType(filename, contentType);
	}

	/**
	 * Creates an attachment from a file; the name is the file's, the type guessed from its extension.
	 * @param path the file
	 * @return the attachment
	 */
	public static Attachment of(Path path) {
		Path name = Objects.requireNonNull(path, "path").getFileName();
		String filename = (name != null) ? name.toString() : path.toString();
		return new Attachment(filename, guess(filename), new FileSystemResource(path));
	}

	/**
	 * Creates an attachment from a file with an explicit type.
	 * @param path the file
	 * @param contentType the media type
	 * @return the attachment
	 */
	public static Attachment of(Path path, String contentType) {
		return new Attachment(of(path).filename(), contentType, new FileSystemResource(path));
	}

	/**
	 * Creates an attachment from bytes, guessing the type from the file name.
	 * @param filename the file name
	 * @param content the bytes
	 * @return the attachment
	 */
	public static Attachment of(String filename, byte[] content) {
		return new Attachment(filename, guess(filename), new ByteArrayResource(content));
	}

	/**
	 * Creates an attachment from bytes.
	 * @param filename the file name
	 * @param content the bytes
	 * @param contentType the media type
	 * @return the attachment
	 */
	public static Attachment of(String filename, byte[] content, String contentType) {
		return new Attachment(filename, contentType, new ByteArrayResource(content));
	}

	/**
	 * Creates an attachment from a Spring {@link Resource}, named after it.
	 * @param resource the resource; it must have a file name
	 * @return the attachment
	 */
	public static Attachment of(Resource resource) {
		String filename = resource.getFilename();
		if (filename == null || filename.isBlank()) {
			throw new MailgunValidationException("attachment",
					"the resource " + resource.getDescription() + " has no file name; use of(filename, resource, type)");
		}
		return new Attachment(filename, guess(filename), resource);
	}

	/**
	 * Creates an attachment from a Spring {@link Resource} with an explicit name and type.
	 * @param filename the file name
	 * @param resource the content
	 * @param contentType the media type
	 * @return the attachment
	 */
	public static Attachment of(String filename, Resource resource, String contentType) {
		return new Attachment(filename, contentType, resource);
	}

	/**
	 * Creates an attachment from a stream. A stream can be read only once, so a send that carries it
	 * is never retried, and a {@link BatchMessage} of more than one request refuses it.
	 * @param filename the file name
	 * @param content the stream, closed after the send
	 * @param contentType the media type
	 * @return the attachment
	 */
	public static Attachment of(String filename, InputStream content, String contentType) {
		return new Attachment(filename, contentType, new InputStreamResource(content));
	}

	/**
	 * Returns whether the content can be read again, which a retry needs.
	 * @return {@code false} for a stream
	 */
	public boolean isRepeatable() {
		return !this.content.isOpen();
	}

	/**
	 * Returns the size of the content when it is known without reading it.
	 * @return the size in bytes, or -1
	 */
	public long knownLength() {
		try {
			// A stream's length is not known without reading it.
			return isRepeatable() ? this.content.contentLength() : -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static String parseContentType(String filename, @Nullable String contentType) {
		String rule = "must have a media type such as text/plain";
		if (contentType != null && contentType.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
			rule = "has CR, LF or NUL in its content type (they would inject part headers)";
		}
		else if (contentType != null) {
			try {
				return MediaType.parseMediaType(contentType).toString();
			}
			catch (InvalidMediaTypeException ex) {
				rule = "has a content type that is not a media type: " + ex.getMessage();
			}
		}
		throw new MailgunValidationException("attachment", "'" + filename + "' " + rule);
	}

	private static String guess(String filename) {
		return MediaTypeFactory.getMediaType(filename).orElse(MediaType.APPLICATION_OCTET_STREAM).toString();
	}

	/**
	 * Describes the attachment without its content.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "Attachment[filename=" + this.filename + ", contentType=" + this.contentType + "]";
	}

}
