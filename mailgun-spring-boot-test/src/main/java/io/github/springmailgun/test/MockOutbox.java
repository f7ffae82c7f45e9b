package io.github.springmailgun.test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.HtmlUtils;

/**
 * Renders what a {@link MailgunMockServer} received as a page a person can read in a browser: newest
 * first, with sender, recipients, subject, tags, attachments and a preview of the HTML body (in a
 * sandboxed frame, so a message's scripts and styles cannot touch the page). Applications serve it from
 * a local-mode endpoint such as {@code GET /outbox}.
 */
public final class MockOutbox {

	private MockOutbox() {
	}

	/**
	 * Renders the messages the server has accepted.
	 * @param server the mock
	 * @return a complete HTML page
	 */
	public static String render(MailgunMockServer server) {
		return render(server.sentMessages());
	}

	/**
	 * Renders the given messages.
	 * @param messages the messages, oldest first
	 * @return a complete HTML page
	 */
	public static String render(List<MockMessage> messages) {
		StringBuilder page = new StringBuilder(1024 + messages.size() * 1024);
		page.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Outbox (local Mailgun mock)</title>")
			.append("<style>body{font-family:sans-serif;margin:2em;max-width:60em}article{border:1px solid #ccc;")
			.append("border-radius:6px;padding:1em;margin:1em 0}dt{font-weight:bold;float:left;width:7em}")
			.append("dd{margin-left:8em}iframe{width:100%;height:16em;border:1px solid #eee}</style></head><body>")
			.append("<h1>Outbox</h1><p>")
			.append(messages.size())
			.append(messages.size() == 1 ? " message" : " messages")
			.append(" accepted by the local Mailgun mock. Nothing was delivered.</p>");
		List<MockMessage> newestFirst = new ArrayList<>(messages);
		java.util.Collections.reverse(newestFirst);
		for (MockMessage message : newestFirst) {
			page.append("<article><h2>").append(escape(message.subject(), "(no subject)")).append("</h2><dl>");
			row(page, "From", message.from());
			row(page, "To", String.join(", ", message.to()));
			if (!message.cc().isEmpty()) {
				row(page, "Cc", String.join(", ", message.cc()));
			}
			if (!message.bcc().isEmpty()) {
				row(page, "Bcc", String.join(", ", message.bcc()));
			}
			row(page, "Id", message.messageId());
			row(page, "Received", message.receivedAt().toString());
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
			String html = message.html();
			if (html == null && message.isMime() && message.rawMime() != null) {
				page.append("<pre>").append(escape(new String(message.rawMime(), StandardCharsets.UTF_8), "")).append("</pre>");
			}
			else if (html != null) {
				page.append("<iframe sandbox title=\"HTML preview\" srcdoc=\"").append(HtmlUtils.htmlEscape(html)).append("\"></iframe>");
			}
			else if (message.text() != null) {
				page.append("<pre>").append(escape(message.text(), "")).append("</pre>");
			}
			page.append("</article>");
		}
		return page.append("</body></html>").toString();
	}

	private static void row(StringBuilder page, String name, @Nullable String value) {
		page.append("<dt>").append(name).append("</dt><dd>").append(escape(value, "")).append("</dd>");
	}

	private static String escape(@Nullable String value, String fallback) {
		return HtmlUtils.htmlEscape((value != null) ? value : fallback);
	}

}
