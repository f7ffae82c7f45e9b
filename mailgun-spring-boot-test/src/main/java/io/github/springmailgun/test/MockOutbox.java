package io.github.springmailgun.test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.HtmlUtils;

/**
 * Renders what a {@link MailgunMockServer} received as a page a person can read in a browser: newest
 * first, with sender, recipients, subject, tags, attachments, a preview of the HTML body (in a sandboxed
 * frame, so a message's scripts and styles cannot touch the page), each recipient's events, and the
 * suppression lists, with a form that receives a message as Mailgun's inbound servers would
 * ({@link #receive(MailgunMockServer, Map)}) and where received mail was posted. The page updates itself: it fetches its content again every second from
 * {@code <its path>/content}, which {@link #renderContent(MailgunMockServer)} answers; the form posts to
 * the page's own path. Applications serve all three from a local-mode endpoint such as {@code GET /outbox}
 * (see {@code MockOutboxController}).
 */
public final class MockOutbox {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	// Replaces the content only when it changed, so previews do not reload (and flicker) every second.
	private static final String SCRIPT = "<script>(function(){var box=document.getElementById('outbox');"
			+ "var url=location.pathname.replace(/\\/$/,'')+'/content';var last=box.innerHTML;"
			+ "setInterval(function(){fetch(url,{cache:'no-store'}).then(function(r){return r.ok?r.text():null;})"
			+ ".then(function(t){if(t!==null&&t!==last){last=t;box.innerHTML=t;}}).catch(function(){});},1000);"
			+ "})();</script>";

	private MockOutbox() {
	}

	/**
	 * Renders the page for the messages and events of a mock; the page keeps itself up to date.
	 * @param server the mock
	 * @return a complete HTML page
	 */
	public static String render(MailgunMockServer server) {
		return page(OutboxReceiveForm.render(server, Map.of(), false), renderContent(server), true);
	}

	/**
	 * Receives the message a submitted receive form describes ({@code from}, {@code to}, {@code subject},
	 * {@code text}, {@code html}) through {@link MailgunMockServer#receive(MockInboundMessage)}, and renders
	 * the page with the result: the routes that matched, and where the message was posted with the
	 * answers. On the system clock it waits up to five seconds for the answers, so call it off an event
	 * loop.
	 * @param server the mock
	 * @param form the submitted form fields
	 * @return a complete HTML page
	 */
	public static String receive(MailgunMockServer server, Map<String, String> form) {
		return page(OutboxReceiveForm.submit(server, form), renderContent(server), true);
	}

	/**
	 * Renders the content of the page, which the page fetches every second to update itself.
	 * @param server the mock
	 * @return an HTML fragment
	 */
	public static String renderContent(MailgunMockServer server) {
		StringBuilder content = new StringBuilder(content(server.sentMessages(), server.events().all()));
		received(content, server.inbound().deliveries());
		suppressions(content, server);
		return content.toString();
	}

	/**
	 * Renders the given messages, without events, as a page that does not update itself.
	 * @param messages the messages, oldest first
	 * @return a complete HTML page
	 */
	public static String render(List<MockMessage> messages) {
		return page("", content(messages, List.of()), false);
	}

	private static String page(String receive, String content, boolean live) {
		return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Outbox (local Mailgun mock)</title>"
				+ "<style>body{font-family:sans-serif;margin:2em;max-width:60em}article{border:1px solid #ccc;"
				+ "border-radius:6px;padding:1em;margin:1em 0}dt{font-weight:bold;float:left;width:7em}"
				+ "dd{margin-left:8em}iframe{width:100%;height:16em;border:1px solid #eee}"
				+ "ol.events{list-style:none;padding:0;margin:.2em 0}ol.events li{display:inline-block;margin:0 .4em .2em 0;"
				+ "padding:.1em .5em;border-radius:1em;background:#eef;font-size:90%}"
				+ "ol.events li.delivered{background:#cfc}ol.events li.failed{background:#fcc}"
				+ "ol.events li.opened,ol.events li.clicked{background:#ffc}"
				+ "ol.events li.complained,ol.events li.unsubscribed{background:#fdb}p.suppression{margin:.2em 0}"
				+ "details#receive{border:1px solid #ccc;border-radius:6px;padding:.5em 1em;margin:1em 0}"
				+ "summary{font-weight:bold;cursor:pointer}form.receive label{display:block;margin:.4em 0}"
				+ "form.receive input,form.receive textarea{display:block;width:100%;box-sizing:border-box;font:inherit}"
				+ "p.hint{color:#666;font-size:90%}#received{border-left:4px solid #99c;padding-left:1em}"
				+ "p.error{border-left-color:#c66;color:#900}"
				+ "table.posts td{padding:.1em .6em .1em 0}tr.delivered td:last-child{color:#070}"
				+ "tr.failed td:last-child{color:#a00}tr.pending td{color:#666}</style></head><body><h1>Outbox</h1>"
				+ receive + "<div id=\"outbox\">" + content + "</div>" + (live ? SCRIPT : "") + "</body></html>";
	}

	private static String content(List<MockMessage> messages, List<MockEvent> events) {
		StringBuilder page = new StringBuilder(1024 + messages.size() * 1024);
		page.append("<p id=\"summary\">")
			.append(messages.size())
			.append(messages.size() == 1 ? " message" : " messages")
			.append(" accepted by the local Mailgun mock. Nothing leaves this machine.</p>");
		List<MockMessage> newestFirst = new ArrayList<>(messages);
		Collections.reverse(newestFirst);
		for (MockMessage message : newestFirst) {
			message(page, message, events);
		}
		return page.toString();
	}

	private static void message(StringBuilder page, MockMessage message, List<MockEvent> events) {
		page.append("<article class=\"message\" data-message-id=\"")
			.append(escape(message.messageId(), ""))
			.append("\"><h2>")
			.append(escape(message.subject(), "(no subject)"))
			.append("</h2><dl>");
		row(page, "From", message.from());
		row(page, "To", String.join(", ", message.to()));
		if (!message.cc().isEmpty()) {
			row(page, "Cc", String.join(", ", message.cc()));
		}
		if (!message.bcc().isEmpty()) {
			row(page, "Bcc", String.join(", ", message.bcc()));
		}
		row(page, "Id", message.messageId());
		row(page, "Received", TIME.format(message.receivedAt()));
		if (!message.tags().isEmpty()) {
			row(page, "Tags", String.join(", ", message.tags()));
		}
		if (message.template() != null) {
			row(page, "Template", message.template()
					+ ((message.templateVariables() != null) ? " " + message.templateVariables() : ""));
		}
		if (!message.files().isEmpty()) {
			List<String> files = message.files()
				.stream()
				.map(file -> file.filename() + " (" + file.contentType() + ", " + file.size() + " bytes)")
				.toList();
			row(page, "Files", String.join(", ", files));
		}
		page.append("</dl>");
		timelines(page, message, events);
		// What the recipient sees: a named template rendered with its variables.
		String html = message.renderedHtml();
		byte[] mime = message.rawMime();
		if (html == null && message.isMime() && mime != null) {
			page.append("<pre>").append(escape(new String(mime, StandardCharsets.UTF_8), "")).append("</pre>");
		}
		else if (html != null) {
			page.append("<iframe sandbox title=\"HTML preview\" srcdoc=\"").append(HtmlUtils.htmlEscape(html)).append("\"></iframe>");
		}
		else if (message.text() != null) {
			page.append("<pre>").append(escape(message.text(), "")).append("</pre>");
		}
		page.append("</article>");
	}

	/** Each recipient's events, oldest first. */
	private static void timelines(StringBuilder page, MockMessage message, List<MockEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		page.append("<table class=\"recipients\">");
		for (String recipient : message.recipients()) {
			page.append("<tr><td>").append(escape(recipient, "")).append("</td><td><ol class=\"events\">");
			for (MockEvent event : events) {
				if (event.messageId().equals(message.messageId()) && event.recipient().equalsIgnoreCase(recipient)) {
					String label = event.event() + ((event.severity() != null) ? " (" + event.severity() + ")" : "");
					Object reason = event.data().get("reason");
					page.append("<li class=\"")
						.append(escape(event.event(), ""))
						.append("\" title=\"")
						.append(escape(TIME.format(event.timestamp()) + ((reason != null) ? ", " + reason : ""), ""))
						.append("\">")
						.append(escape(label, ""))
						.append("</li>");
				}
			}
			page.append("</ol></td></tr>");
		}
		page.append("</table>");
	}

	/** Where received mail was posted, newest first, when any was; retries show as they are made. */
	private static void received(StringBuilder page, List<MockInboundDelivery> deliveries) {
		if (deliveries.isEmpty()) {
			return;
		}
		page.append("<section id=\"inbound\"><h2>Received mail</h2><table class=\"posts\">");
		for (int i = deliveries.size() - 1; i >= 0; i--) {
			MockInboundDelivery delivery = deliveries.get(i);
			page.append("<tr class=\"").append(OutboxReceiveForm.css(delivery)).append("\"><td>")
				.append(escape(TIME.format(delivery.at()), ""))
				.append("</td><td>")
				.append(escape(delivery.subject(), "(no subject)"))
				.append(" to ")
				.append(escape(delivery.recipient(), ""))
				.append("</td><td>")
				.append(escape(delivery.target(), ""))
				.append("</td><td>")
				.append(escape(OutboxReceiveForm.outcome(delivery), ""))
				.append("</td></tr>");
		}
		page.append("</table></section>");
	}

	/** The suppression lists of every domain, where they are not empty. */
	private static void suppressions(StringBuilder page, MailgunMockServer server) {
		page.append("<section id=\"suppressions\"><h2>Suppressions</h2>");
		int rows = 0;
		for (MockDomain domain : server.domains()) {
			MockSuppressions lists = server.suppressions();
			rows += suppressionRows(page, domain.name(), "bounce", lists.bounces(domain.name()), "address", "error");
			rows += suppressionRows(page, domain.name(), "unsubscribe", lists.unsubscribes(domain.name()), "address", "tags");
			rows += suppressionRows(page, domain.name(), "complaint", lists.complaints(domain.name()), "address", null);
			rows += suppressionRows(page, domain.name(), "allowlist", lists.allowlist(domain.name()), "value", "reason");
		}
		if (rows == 0) {
			page.append("<p>No address is suppressed.</p>");
		}
		page.append("</section>");
	}

	private static int suppressionRows(StringBuilder page, String domain, String list, List<Map<String, Object>> entries,
			String addressField, @Nullable String detailField) {
		for (Map<String, Object> entry : entries) {
			Object detail = (detailField != null) ? entry.get(detailField) : null;
			page.append("<p class=\"suppression ")
				.append(list)
				.append("\">")
				.append(escape(list + ": " + entry.get(addressField) + " (" + domain + ")"
						+ ((detail != null && !String.valueOf(detail).isEmpty()) ? ", " + detail : ""), ""))
				.append("</p>");
		}
		return entries.size();
	}

	private static void row(StringBuilder page, String name, @Nullable String value) {
		page.append("<dt>").append(name).append("</dt><dd>").append(escape(value, "")).append("</dd>");
	}

	/** The value escaped for HTML text and attributes, or the fallback when there is none. */
	static String escape(@Nullable String value, String fallback) {
		return HtmlUtils.htmlEscape((value != null) ? value : fallback);
	}

}
