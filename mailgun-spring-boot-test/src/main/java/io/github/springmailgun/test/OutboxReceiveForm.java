package io.github.springmailgun.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;



/**
 * The outbox page's form that receives a message as Mailgun's inbound servers would
 * ({@link MockOutbox#receive(MailgunMockServer, Map)}), and the result shown after it: the routes that
 * matched and each delivery, with the answer of the URL. Everything echoed is escaped.
 */
final class OutboxReceiveForm {

	/** How long a submission waits for the routes' posts to be answered, on the system clock. */
	private static final Duration WAIT = Duration.ofSeconds(5);

	private OutboxReceiveForm() {
	}

	/**
	 * Receives the message a submitted form describes and renders the result.
	 * @return the result section, then the form (open, with the submitted values)
	 */
	static String submit(MailgunMockServer server, Map<String, String> form) {
		String from = value(form, "from").strip();
		String to = value(form, "to").strip();
		if (from.isEmpty() || to.isEmpty()) {
			return "<p id=\"received\" class=\"error\">From and To are required to receive a message.</p>"
					+ render(server, form, true);
		}
		MockInboundMessage.Builder message = MockInboundMessage.builder(from, to).subject(value(form, "subject").strip());
		// Browsers send an empty field for an empty box: no such body, as in mail without one.
		if (!value(form, "text").isBlank()) {
			message.text(value(form, "text"));
		}
		if (!value(form, "html").isBlank()) {
			message.html(value(form, "html"));
		}
		MockInbound inbound = server.inbound();
		int before = inbound.deliveries().size();
		MockInbound.Receipt receipt = inbound.deliver(message.build());
		// What is not answered in time shows as pending; the live page shows the answers when they come.
		List<MockInboundDelivery> all = (receipt.deliveries() > 0 && !server.clock().isManual())
				? inbound.waitForDeliveries(before + receipt.deliveries(), WAIT) : inbound.deliveries();
		List<MockInboundDelivery> made = all.subList(Math.min(before, all.size()), all.size());
		return result(to, value(form, "subject").strip(), receipt, made) + render(server, form, true);
	}

	/**
	 * Renders the form.
	 * @param values the values to show, those submitted or none
	 * @param open whether the form is unfolded
	 */
	static String render(MailgunMockServer server, Map<String, String> values, boolean open) {
		String to = values.containsKey("to") ? value(values, "to").strip() : "support@" + server.domain();
		return "<details id=\"receive\"" + (open ? " open" : "") + "><summary>Receive a message</summary>"
				+ "<form method=\"post\" class=\"receive\">"
				+ input("From", "from", value(values, "from"), "jane@example.com")
				+ input("To", "to", to, "")
				+ input("Subject", "subject", value(values, "subject"), "")
				+ "<label>Text<textarea name=\"text\" rows=\"4\">" + MockOutbox.escape(value(values, "text"), "")
				+ "</textarea></label><label>HTML<textarea name=\"html\" rows=\"3\" placeholder=\"optional\">"
				+ MockOutbox.escape(value(values, "html"), "")
				+ "</textarea></label><button type=\"submit\">Receive</button>"
				+ "<p class=\"hint\">Delivered as Mailgun's inbound servers would: the routes created through the API"
				+ " decide where it is posted, signed with the mock's webhook signing key.</p></form></details>";
	}

	private static String result(String to, String subject, MockInbound.Receipt receipt,
			List<MockInboundDelivery> made) {
		StringBuilder html = new StringBuilder("<section id=\"received\"><h2>Received</h2><p>")
			.append(MockOutbox.escape(subject.isEmpty() ? null : subject, "(no subject)"))
			.append(" to ")
			.append(MockOutbox.escape(to, ""))
			.append(": ");
		int routes = receipt.routes().size();
		if (routes == 0) {
			return html.append("No route matched; nothing was posted.</p></section>").toString();
		}
		html.append(routes).append((routes == 1) ? " route matched" : " routes matched").append(".</p>");
		html.append("<table class=\"posts\">");
		for (MockInboundDelivery delivery : made) {
			html.append("<tr class=\"").append(css(delivery)).append("\"><td>")
				.append(MockOutbox.escape(delivery.target(), ""))
				.append("</td><td>")
				.append(MockOutbox.escape(outcome(delivery), ""))
				.append("</td></tr>");
		}
		for (int pending = made.size(); pending < receipt.deliveries(); pending++) {
			html.append("<tr class=\"pending\"><td colspan=\"2\">a post not answered yet</td></tr>");
		}
		return html.append("</table></section>").toString();
	}

	/** How a delivery went, in words. */
	static String outcome(MockInboundDelivery delivery) {
		if (delivery.toAddress()) {
			return "forward to an address: recorded, not sent";
		}
		String attempt = (delivery.attempt() > 1) ? " (attempt " + delivery.attempt() + ")" : "";
		if (delivery.status() == 0) {
			return "no answer: " + delivery.error() + attempt;
		}
		return delivery.status() + (delivery.delivered() ? " delivered" : delivery.rejected() ? " rejected" : " failed")
				+ attempt;
	}

	static String css(MockInboundDelivery delivery) {
		return delivery.delivered() || delivery.toAddress() ? "delivered" : "failed";
	}

	private static String input(String label, String name, String value, String placeholder) {
		return "<label>" + label + "<input name=\"" + name + "\" value=\"" + MockOutbox.escape(value, "") + "\""
				+ (placeholder.isEmpty() ? "" : " placeholder=\"" + MockOutbox.escape(placeholder, "") + "\"")
				+ "></label>";
	}

	private static String value(Map<String, String> form, String name) {
		String value = form.get(name);
		return (value != null) ? value : "";
	}

}
