package io.github.springmailgun.inbound;

import java.util.Objects;

/**
 * One header of a received message, as Mailgun lists it in {@code message-headers}: the value is the
 * header's text, with any RFC 2047 encoded words left as they were; {@link #decodedValue()} decodes them.
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

	/**
	 * Returns the value with its RFC 2047 encoded words decoded, as a mail reader shows it: a subject
	 * written {@code =?UTF-8?B?w4ljaGFuZ2U=?=} reads {@code Échange}. A word in an unknown charset, or one
	 * that does not decode, is left as written.
	 * @return the decoded value
	 */
	public String decodedValue() {
		return EncodedWords.decode(this.value);
	}

}
