package io.github.springmailgun.inbound;

import java.util.Objects;

/**
 * One header of a received message, as Mailgun lists it in {@code message-headers}: the value is the
 * header's text, with any RFC 2047 encoded words left as they were.
 *
 * @param name the header name, as written
 * @param value the header value
 */
public record InboundHeader(String name, String value) {

	/**
	 * Checks that the values are present.
	 */
	public InboundHeader {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(value, "value");
	}

}
