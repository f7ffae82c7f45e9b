package io.github.springmailgun.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A file of a received message (an attachment, or the raw MIME of a {@code body-mime} post), held in a
 * temporary file that lives until its {@link MailgunInboundMessage} is closed. The file name the sender
 * declared is only reported, never used in a path.
 */
public final class InboundAttachment {

	private final String fieldName;

	private final @Nullable String fileName;

	private final @Nullable String contentType;

	private final long size;

	private final Path file;

	private volatile boolean deleted;

	/**
	 * Creates an attachment over a temporary file, which the message it joins will delete.
	 * @param fieldName the form field it came in, such as {@code attachment-1}
	 * @param fileName the file name the sender declared, or {@code null}
	 * @param contentType the content type the sender declared, or {@code null}
	 * @param size the size in bytes
	 * @param file the temporary file holding the content
	 */
	public InboundAttachment(String fieldName, @Nullable String fileName, @Nullable String contentType, long size,
			Path file) {
		this.fieldName = Objects.requireNonNull(fieldName, "fieldName");
		this.fileName = fileName;
		this.contentType = contentType;
		this.size = size;
		this.file = Objects.requireNonNull(file, "file");
	}

	/**
	 * Returns the form field the attachment came in, such as {@code attachment-1}.
	 * @return the field name
	 */
	public String fieldName() {
		return this.fieldName;
	}

	/**
	 * Returns the file name the sender declared: untrusted text, not fit for a path.
	 * @return the declared file name, or {@code null}
	 */
	public @Nullable String fileName() {
		return this.fileName;
	}

	/**
	 * Returns the content type the sender declared.
	 * @return the content type, or {@code null}
	 */
	public @Nullable String contentType() {
		return this.contentType;
	}

	/**
	 * Returns the size of the content.
	 * @return the size in bytes
	 */
	public long size() {
		return this.size;
	}

	/**
	 * Opens the content; the caller closes the stream.
	 * @return a stream of the content
	 * @throws IOException when the file cannot be read
	 * @throws IllegalStateException when the message was closed and the file deleted
	 */
	public InputStream open() throws IOException {
		if (this.deleted) {
			throw new IllegalStateException("Attachment " + this.fieldName + " was deleted when its "
					+ "MailgunInboundMessage was closed; retain() the message to keep it");
		}
		return Files.newInputStream(this.file);
	}

	/**
	 * Copies the content to a file of the caller's choice.
	 * @param target the file to write, replaced if it exists
	 * @throws IOException when the content cannot be copied
	 */
	public void copyTo(Path target) throws IOException {
		Objects.requireNonNull(target, "target");
		try (InputStream in = open()) {
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	void delete() throws IOException {
		this.deleted = true;
		Files.deleteIfExists(this.file);
	}

	/**
	 * Describes the attachment without its content.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "InboundAttachment[fieldName=" + this.fieldName + ", fileName=" + this.fileName + ", contentType="
				+ this.contentType + ", size=" + this.size + "]";
	}

}
