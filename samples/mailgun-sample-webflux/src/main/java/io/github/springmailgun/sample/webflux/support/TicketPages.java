package io.github.springmailgun.sample.webflux.support;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

/**
 * The support desk's pages: {@code GET /tickets}, {@code GET /tickets/{id}} and the reply form
 * ({@code POST /tickets/{id}/reply}). Everything a mail brings is escaped, and its HTML is shown in a
 * sandboxed frame without scripts or the page's origin. The pages have no login: put them behind the
 * application's own before using them for real.
 */
@RestController
class TicketPages {

	private static final String HTML = "text/html;charset=UTF-8";

	// The mail's HTML inherits this in its srcdoc frame: no scripts, no remote images (no tracking pixels).
	private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
			+ "frame-src 'self'; form-action 'self'; base-uri 'none'";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final String STYLE = """
			body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}
			a{color:#0b57d0}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;\
			border-bottom:1px solid #ddd}.muted{color:#666;font-size:.9em}.message{border:1px solid #ddd;\
			border-radius:6px;margin:1rem 0;padding:.8rem 1rem}.customer{border-left:4px solid #0b57d0}\
			.support{border-left:4px solid #1e8e3e;background:#f6fbf7}pre{white-space:pre-wrap;margin:.5rem 0;font:inherit}\
			iframe{width:100%;border:1px solid #ccc;border-radius:4px;background:#fff;resize:vertical}\
			textarea{width:100%;height:8rem;font:inherit;box-sizing:border-box}button{font:inherit;padding:.4rem 1rem}""";

	private final TicketStore tickets;

	private final SupportInbox inbox;

	TicketPages(TicketStore tickets, SupportInbox inbox) {
		this.tickets = tickets;
		this.inbox = inbox;
	}

	@GetMapping(path = "/tickets", produces = HTML)
	ResponseEntity<String> list() {
		StringBuilder body = new StringBuilder("<h1>Support tickets</h1>");
		List<Ticket> all = this.tickets.list();
		if (all.isEmpty()) {
			body.append("<p class=\"muted\">No tickets yet. Mail to the support address opens one.</p>");
		}
		else {
			body.append("<table><tr><th>Subject</th><th>Customer</th><th>Messages</th><th>Last activity</th></tr>");
			for (Ticket ticket : all) {
				body.append("<tr><td><a href=\"/tickets/").append(htmlEscape(ticket.id())).append("\">")
					.append(htmlEscape(ticket.subject())).append("</a></td><td>").append(htmlEscape(ticket.customer()))
					.append("</td><td>").append(ticket.messages().size()).append("</td><td>")
					.append(time(ticket.lastActivity())).append("</td></tr>");
			}
			body.append("</table>");
		}
		return page(HttpStatus.OK, "Support tickets", body);
	}

	@GetMapping(path = "/tickets/{id}", produces = HTML)
	ResponseEntity<String> show(@PathVariable String id) {
		return this.tickets.find(id).map((ticket) -> page(HttpStatus.OK, ticket.subject(), ticket(ticket, null)))
			.orElseGet(TicketPages::notFound);
	}

	@PostMapping(path = "/tickets/{id}/reply", produces = HTML)
	Mono<ResponseEntity<String>> reply(@PathVariable String id, ServerWebExchange exchange) {
		Ticket ticket = this.tickets.find(id).orElse(null);
		if (ticket == null) {
			return Mono.just(notFound());
		}
		return exchange.getFormData().flatMap((form) -> {
			String text = form.getFirst("text");
			if (text == null || text.isBlank()) {
				return Mono.just(page(HttpStatus.BAD_REQUEST, ticket.subject(), ticket(ticket, "Write a reply first.")));
			}
			// Post, redirect, get: a reload of the page does not send the reply again.
			return this.inbox.reply(ticket, text.strip())
				.map((replied) -> ResponseEntity.status(HttpStatus.SEE_OTHER)
					.location(URI.create("/tickets/" + replied.id()))
					.<String>build());
		});
	}

	private StringBuilder ticket(Ticket ticket, @Nullable String error) {
		StringBuilder body = new StringBuilder("<p><a href=\"/tickets\">All tickets</a></p><h1>")
			.append(htmlEscape(ticket.subject())).append("</h1><p class=\"muted\">From ")
			.append(htmlEscape(ticket.customer())).append(", opened ").append(time(ticket.opened()))
			.append(". Answers to <code>").append(htmlEscape(this.inbox.replyAddress(ticket)))
			.append("</code> join this ticket.</p>");
		for (Ticket.Message message : ticket.messages()) {
			message(body, message);
		}
		body.append("<h2>Reply</h2>");
		if (error != null) {
			body.append("<p><strong>").append(htmlEscape(error)).append("</strong></p>");
		}
		return body.append("<form method=\"post\" action=\"/tickets/").append(htmlEscape(ticket.id()))
			.append("/reply\"><textarea name=\"text\" required></textarea><p><button>Send reply to ")
			.append(htmlEscape(ticket.customer())).append("</button></p></form>");
	}

	private static void message(StringBuilder body, Ticket.Message message) {
		body.append("<div class=\"message ").append(message.fromCustomer() ? "customer" : "support")
			.append("\"><div class=\"muted\">").append(message.fromCustomer() ? "Received from " : "Sent by ")
			.append(htmlEscape(message.from())).append(", ").append(time(message.at())).append("</div>");
		if (message.html() != null) {
			// Attribute-escaped: the frame's document is exactly the mail's markup, with no way out of srcdoc.
			body.append("<iframe sandbox title=\"The mail as HTML\" style=\"height:").append(height(message.html()))
				.append("em\" srcdoc=\"").append(htmlEscape(message.html())).append("\"></iframe>");
		}
		if (message.text() != null) {
			body.append(message.html() != null ? "<details><summary>Text</summary><pre>" : "<pre>")
				.append(htmlEscape(message.text()))
				.append(message.html() != null ? "</pre></details>" : "</pre>");
		}
		if (!message.attachments().isEmpty()) {
			body.append("<ul class=\"muted\">");
			for (Ticket.AttachmentInfo attachment : message.attachments()) {
				body.append("<li>").append(htmlEscape(String.valueOf(attachment.fileName()))).append(" (")
					.append(htmlEscape(String.valueOf(attachment.contentType()))).append(", ")
					.append(size(attachment.size())).append(attachment.inline() ? ", inline" : "").append(")</li>");
			}
			body.append("</ul>");
		}
		body.append("</div>");
	}

	private static ResponseEntity<String> notFound() {
		return page(HttpStatus.NOT_FOUND, "No such ticket",
				new StringBuilder("<h1>No such ticket</h1><p><a href=\"/tickets\">All tickets</a></p>"));
	}

	private static ResponseEntity<String> page(HttpStatus status, String title, CharSequence body) {
		String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + htmlEscape(title)
				+ "</title><style>" + STYLE + "</style></head><body>" + body + "</body></html>";
		return ResponseEntity.status(status)
			.contentType(MediaType.parseMediaType(HTML))
			.header("Content-Security-Policy", POLICY)
			.body(html);
	}

	/** A guess at the frame's height: a sandbox without scripts cannot size itself to its content. */
	private static int height(String html) {
		int blocks = html.split("(?i)<(p|div|br|tr|li|h[1-6]|table|blockquote)\\b", -1).length;
		return Math.max(4, Math.min(30, 2 + 2 * blocks + html.replaceAll("<[^>]*>", "").length() / 90));
	}

	private static String time(Instant at) {
		return TIME.format(at);
	}

	private static String size(long bytes) {
		return (bytes < 1024) ? bytes + " B" : (bytes < 1024 * 1024) ? (bytes + 512) / 1024 + " KB"
				: String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

}
