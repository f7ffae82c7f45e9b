package io.github.springmailgun.message;

/**
 * One text field of a Mailgun form request, as it goes on the wire.
 *
 * @param name the Mailgun parameter name ({@code to}, {@code o:tag}, {@code h:Reply-To}, ...)
 * @param value the value
 */
public record FormField(String name, String value) {
}
