package io.github.springmailgun.sample.webflux.support;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The sample's tickets, in memory and bounded: the oldest ticket goes when a new one would exceed
 * {@value #MAX_TICKETS}, a ticket keeps its first {@value #MAX_MESSAGES} messages, and each body is cut at
 * {@value #MAX_BODY} characters. A real application keeps tickets in its database. Thread-safe.
 */
@Component
public class TicketStore {

	static final int MAX_TICKETS = 200;

	static final int MAX_MESSAGES = 100;

	static final int MAX_BODY = 100_000;

	private final SecureRandom random = new SecureRandom();

	// Guarded by this; in the order the tickets were opened.
	private final Map<String, Ticket> tickets = new LinkedHashMap<>();

	/**
	 * Opens a ticket with its first mail.
	 * @param subject the subject
	 * @param first the customer's mail
	 * @return the new ticket
	 */
	public synchronized Ticket open(String subject, Ticket.Message first) {
		String id;
		do {
			byte[] bytes = new byte[8];
			this.random.nextBytes(bytes);
			id = HexFormat.of().formatHex(bytes);
		}
		while (this.tickets.containsKey(id));
		Ticket ticket = new Ticket(id, first.from(), subject, first.at(), List.of(bounded(first)));
		if (this.tickets.size() == MAX_TICKETS) {
			this.tickets.remove(this.tickets.keySet().iterator().next());
		}
		this.tickets.put(id, ticket);
		return ticket;
	}

	/**
	 * Adds a message to a ticket, unless the ticket is gone or full.
	 * @param id the ticket's id
	 * @param message the message
	 * @return the ticket with the message, or empty when there is no such ticket
	 */
	public synchronized Optional<Ticket> append(String id, Ticket.Message message) {
		Ticket ticket = this.tickets.get(id);
		if (ticket == null) {
			return Optional.empty();
		}
		if (ticket.messages().size() < MAX_MESSAGES) {
			ticket = ticket.with(bounded(message));
			this.tickets.put(id, ticket);
		}
		return Optional.of(ticket);
	}

	/**
	 * Returns a ticket.
	 * @param id the ticket's id
	 * @return the ticket, or empty when there is none with that id
	 */
	public synchronized Optional<Ticket> find(String id) {
		return Optional.ofNullable(this.tickets.get(id));
	}

	/**
	 * Returns every ticket, the one with the latest activity first.
	 * @return the tickets
	 */
	public synchronized List<Ticket> list() {
		List<Ticket> all = new ArrayList<>(this.tickets.values());
		all.sort((a, b) -> b.lastActivity().compareTo(a.lastActivity()));
		return all;
	}

	private static Ticket.Message bounded(Ticket.Message message) {
		return new Ticket.Message(message.fromCustomer(), message.from(), cut(message.text()), cut(message.html()),
				message.at(), message.attachments(), message.messageId());
	}

	private static @Nullable String cut(@Nullable String body) {
		return (body == null || body.length() <= MAX_BODY) ? body : body.substring(0, MAX_BODY) + "\n[cut]";
	}

}
