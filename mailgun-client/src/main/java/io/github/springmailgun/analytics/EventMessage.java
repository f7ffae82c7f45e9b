package io.github.springmailgun.analytics;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The message a log entry or event is about.
 *
 * @param headers its main headers
 * @param size its size in bytes
 * @param recipients its recipients, on stored and accepted events
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventMessage(@Nullable Headers headers, @Nullable Long size, List<String> recipients) {

	/**
	 * Reads missing recipients as empty.
	 */
	public EventMessage {
		recipients = (recipients != null) ? recipients.stream().filter(Objects::nonNull).toList() : List.of();
	}

	/**
	 * Returns the {@code Message-Id} without angle brackets, as Mailgun records it.
	 * @return the message id, or {@code null}
	 */
	public @Nullable String messageId() {
		return (this.headers != null) ? this.headers.messageId() : null;
	}

	/**
	 * The main headers of a message.
	 *
	 * @param messageId the {@code Message-Id}
	 * @param from the {@code From}
	 * @param to the {@code To}
	 * @param subject the {@code Subject}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Headers(@JsonProperty("message-id") @Nullable String messageId, @Nullable String from,
			@Nullable String to, @Nullable String subject) {
	}

}
