package io.github.springmailgun.event;

import org.jspecify.annotations.Nullable;

/**
 * The headers of the message an event is about, from {@code event-data.message.headers}. Mailgun sends
 * only some of them on some events (opens and clicks carry just the message id).
 *
 * @param messageId the {@code Message-Id}, without angle brackets (the id of
 * {@link io.github.springmailgun.message.SendResponse} has them)
 * @param from the {@code From} header
 * @param to the {@code To} header
 * @param subject the {@code Subject} header
 */
public record MessageHeaders(@Nullable String messageId, @Nullable String from, @Nullable String to,
		@Nullable String subject) {

	/** Headers of an event that carries none. */
	public static final MessageHeaders NONE = new MessageHeaders(null, null, null, null);

}
