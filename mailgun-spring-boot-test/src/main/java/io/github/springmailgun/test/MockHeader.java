package io.github.springmailgun.test;

import java.util.Objects;

/**
 * One header line: a {@code h:} header of a send, or a top-level header of a MIME message.
 *
 * @param name the header name as sent
 * @param value the value, unfolded (and, in MIME, with encoded words decoded)
 */
public record MockHeader(String name, String value) {

	/**
	 * Checks the values.
	 */
	public MockHeader {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(value, "value");
	}

}
