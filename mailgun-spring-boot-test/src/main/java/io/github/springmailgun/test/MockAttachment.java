package io.github.springmailgun.test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A file part that {@link MailgunMockServer} received: an {@code attachment}, an {@code inline} part,
 * or the {@code message} of a MIME send.
 *
 * @param name the form field the file came in ({@code attachment}, {@code inline}, {@code message})
 * @param filename the file name as the client sent it
 * @param contentType the part's content type, {@code application/octet-stream} when it sent none
 * @param content the bytes exactly as received
 */
public record MockAttachment(String name, String filename, String contentType, byte[] content) {

	/** The name prefix of a received message's inline part, followed by its content id. */
	static final String INLINE = "inline:";

	/**
	 * Checks the values and copies the content.
	 */
	public MockAttachment {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(filename, "filename");
		Objects.requireNonNull(contentType, "contentType");
		content = content.clone();
	}

	/**
	 * Returns a copy of the bytes exactly as received.
	 * @return the content
	 */
	@Override
	public byte[] content() {
		return this.content.clone();
	}

	/**
	 * The content id of an inline part of a received message (see {@link MockInboundMessage}), whose name
	 * is {@code inline:<content id>}; {@code null} for any other part.
	 */
	@Nullable String contentId() {
		return this.name.startsWith(INLINE) ? this.name.substring(INLINE.length()) : null;
	}

	/**
	 * Returns the size of the content.
	 * @return the size in bytes
	 */
	public int size() {
		return this.content.length;
	}

	/**
	 * Returns the content decoded as UTF-8, for text files.
	 * @return the text
	 */
	public String contentAsString() {
		return contentAsString(StandardCharsets.UTF_8);
	}

	/**
	 * Returns the content decoded with the given charset.
	 * @param charset the charset
	 * @return the text
	 */
	public String contentAsString(Charset charset) {
		return new String(this.content, charset);
	}

	/**
	 * Compares the values, the content by its bytes.
	 * @param other the other object
	 * @return whether both describe the same file
	 */
	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof MockAttachment that && this.name.equals(that.name)
				&& this.filename.equals(that.filename) && this.contentType.equals(that.contentType)
				&& Arrays.equals(this.content, that.content);
	}

	/**
	 * Hashes the values, the content by its bytes.
	 * @return the hash code
	 */
	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.filename, this.contentType, Arrays.hashCode(this.content));
	}

	/**
	 * Describes the file without its content.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "MockAttachment[name=" + this.name + ", filename=" + this.filename + ", contentType="
				+ this.contentType + ", size=" + this.content.length + "]";
	}

}
