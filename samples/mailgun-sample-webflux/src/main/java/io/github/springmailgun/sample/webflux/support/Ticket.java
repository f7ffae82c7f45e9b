package io.github.springmailgun.sample.webflux.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A support ticket: the customer's first mail and every message after it, in the order they came.
 *
 * @param id the ticket's id, random so that the reply address {@code support+<id>@...} cannot be guessed
 * @param customer the address the first mail came from
 * @param subject the first mail's subject
 * @param opened when the first mail was received
 * @param messages the first mail, then the replies and the customer's answers
 */
public record Ticket(String id, String customer, String subject, Instant opened, List<Message> messages) {

	/**
	 * Copies the messages.
	 */
	public Ticket {
		messages = List.copyOf(messages);
	}

	/**
	 * Returns a copy of this ticket with one more message.
	 * @param message the message
	 * @return the new ticket
	 */
	Ticket with(Message message) {
		List<Message> all = new ArrayList<>(this.messages);
		all.add(message);
		return new Ticket(this.id, this.customer, this.subject, this.opened, all);
	}

	/**
	 * Returns the {@code Message-Id} headers of the customer's mails, oldest first, for the
	 * {@code References} header of a reply.
	 * @return the ids, with their angle brackets
	 */
	public List<String> customerMessageIds() {
		return this.messages.stream().filter(Message::fromCustomer).map(Message::messageId)
			.filter((id) -> id != null && !id.isBlank()).map(String::strip).toList();
	}

	/**
	 * Returns when the last message came or went.
	 * @return the time
	 */
	public Instant lastActivity() {
		return this.messages.isEmpty() ? this.opened : this.messages.get(this.messages.size() - 1).at();
	}

	/**
	 * One mail of a ticket, received or sent.
	 *
	 * @param fromCustomer whether the customer sent it (received), or support replied (sent)
	 * @param from the sender as the {@code From} header says
	 * @param text the text body without quoted parts, or {@code null}
	 * @param html the HTML body without quoted parts (untrusted markup), or {@code null}
	 * @param at when it was received or sent
	 * @param attachments what was attached, described, not kept
	 * @param messageId the {@code Message-Id} header, or {@code null}
	 */
	public record Message(boolean fromCustomer, String from, @Nullable String text, @Nullable String html, Instant at,
			List<AttachmentInfo> attachments, @Nullable String messageId) {

		/**
		 * Copies the attachments.
		 */
		public Message {
			attachments = List.copyOf(attachments);
		}

	}

	/**
	 * An attachment as the page lists it: its content stays with the inbound message, which deletes it.
	 *
	 * @param fileName the file name the sender declared (untrusted text), or {@code null}
	 * @param contentType the content type the sender declared, or {@code null}
	 * @param size the size in bytes
	 * @param inline whether the HTML body shows it ({@code cid:})
	 */
	public record AttachmentInfo(@Nullable String fileName, @Nullable String contentType, long size, boolean inline) {
	}

}
