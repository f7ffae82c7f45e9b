package io.github.springmailgun.sample.webflux.support;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.inbound.InboundAttachment;
import io.github.springmailgun.inbound.MailgunInboundMessage;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.route.RouteExpression;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The support inbox, replied to by email: a mail to {@code support@<domain>} opens a ticket, a reply is
 * sent with {@code Reply-To: support+<ticket id>@<domain>}, and the customer's answer to it, a mail to that
 * address, joins the same ticket. Mail reaches it through the starter's inbound endpoint
 * ({@code mailgun.inbound.path}) from a route with the expression of {@link #route()}.
 */
@Component
public class SupportInbox {

	private static final Log logger = LogFactory.getLog(SupportInbox.class);

	private final TicketStore tickets;

	private final MailgunOperations mailgun;

	private final String localPart;

	private final String domain;

	private final String from;

	SupportInbox(TicketStore tickets, MailgunOperations mailgun, @Value("${sample.support.address}") String address,
			@Value("${sample.support.name}") String name) {
		int at = address.lastIndexOf('@');
		if (at < 1 || address.indexOf('+') >= 0) {
			throw new IllegalArgumentException("sample.support.address must be an address without '+': " + address);
		}
		this.tickets = tickets;
		this.mailgun = mailgun;
		this.localPart = address.substring(0, at).toLowerCase(Locale.ROOT);
		this.domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
		this.from = name + " <" + this.localPart + "@" + this.domain + ">";
	}

	/**
	 * Returns the filter of the route that forwards support mail to the application: the support address,
	 * with or without a ticket's {@code +<id>}.
	 * @return the expression, such as {@code match_recipient("^support(\+[0-9a-f]+)?@mg\.example\.com$")}
	 */
	public RouteExpression route() {
		return RouteExpression.matchRecipient(
				"^" + pythonLiteral(this.localPart) + "(\\+[0-9a-f]+)?@" + pythonLiteral(this.domain) + "$");
	}

	/**
	 * Returns the address whose mail joins a ticket.
	 * @param ticket the ticket
	 * @return the address, {@code support+<id>@<domain>}
	 */
	public String replyAddress(Ticket ticket) {
		return this.localPart + "+" + ticket.id() + "@" + this.domain;
	}

	@EventListener
	void on(MailgunInboundMessage message) {
		String recipient = (message.recipient() != null) ? message.recipient().strip().toLowerCase(Locale.ROOT) : "";
		if (!recipient.endsWith("@" + this.domain)) {
			return;
		}
		String local = recipient.substring(0, recipient.length() - this.domain.length() - 1);
		Ticket.Message received = received(message);
		if (local.startsWith(this.localPart + "+")) {
			String id = local.substring(this.localPart.length() + 1);
			Optional<Ticket> ticket = this.tickets.append(id, received);
			if (ticket.isPresent()) {
				logger.info("Ticket " + id + ": the customer answered");
				return;
			}
		}
		else if (!local.equals(this.localPart)) {
			return;
		}
		// A new mail, or an answer to a ticket no longer kept: either way the customer is heard.
		String subject = (message.subject() != null) ? message.subject() : "(no subject)";
		Ticket ticket = this.tickets.open(subject, received);
		logger.info("Ticket " + ticket.id() + " opened");
	}

	/**
	 * Sends a reply to the customer and adds it to the ticket.
	 * @param ticket the ticket
	 * @param text the reply
	 * @return the ticket with the reply
	 */
	public Mono<Ticket> reply(Ticket ticket, String text) {
		String subject = ticket.subject().regionMatches(true, 0, "Re:", 0, 3) ? ticket.subject()
				: "Re: " + ticket.subject();
		MailgunMessage.Builder mail = MailgunMessage.builder()
			.from(this.from)
			.to(ticket.customer())
			.subject(subject)
			.text(text)
			.header("Reply-To", replyAddress(ticket))
			.tag("support-reply");
		List<String> references = ticket.customerMessageIds();
		if (!references.isEmpty()) {
			mail.header("In-Reply-To", references.get(references.size() - 1))
				.header("References", String.join(" ", references));
		}
		return this.mailgun.send(mail.build())
			.map((sent) -> this.tickets
				.append(ticket.id(),
						new Ticket.Message(false, this.from, text, null, Instant.now(), List.of(), sent.messageId()))
				.orElse(ticket));
	}

	private static Ticket.Message received(MailgunInboundMessage message) {
		String from = (message.from() != null) ? message.from() : String.valueOf(message.sender());
		String text = firstOf(message.strippedText(), message.bodyPlain());
		if (message.mime().isPresent()) {
			text = "(The route posted the raw MIME form, " + message.mime().get().size()
					+ " bytes; this inbox reads the parsed form: forward to a URL that does not end in 'mime'.)";
		}
		List<Ticket.AttachmentInfo> attachments = message.attachments()
			.stream()
			.map((attachment) -> info(message, attachment))
			.toList();
		return new Ticket.Message(true, from, text, firstOf(message.strippedHtml(), message.bodyHtml()), Instant.now(),
				attachments, message.header("Message-Id"));
	}

	private static Ticket.AttachmentInfo info(MailgunInboundMessage message, InboundAttachment attachment) {
		// Only the description: the files belong to the message, which deletes them when the listeners return.
		boolean inline = message.contentIdMap().containsValue(attachment.fieldName());
		return new Ticket.AttachmentInfo(attachment.fileName(), attachment.contentType(), attachment.size(), inline);
	}

	private static @Nullable String firstOf(@Nullable String preferred, @Nullable String fallback) {
		return (preferred != null && !preferred.isBlank()) ? preferred : fallback;
	}

	/** Escapes what a Python regular expression reads specially in an address. */
	private static String pythonLiteral(String text) {
		return text.replaceAll("([.+*?^$()\\[\\]{}|\\\\-])", "\\\\$1");
	}

}
