package io.github.springmailgun.test.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.springmailgun.test.MailgunMockServer;
import io.github.springmailgun.test.MockOutbox;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /outbox}: the mail the local mock accepted and what happened to it, as a page for a browser
 * that updates itself from {@code GET /outbox/content}; its form ({@code POST /outbox}) receives a
 * message as Mailgun's inbound servers would, and the routes post it to the application. Works in Spring
 * MVC and WebFlux applications alike; import it into a local-development configuration next to
 * {@link AutoConfigureMailgunMock}, never into production.
 */
@RestController
public class MockOutboxController {

	private final MailgunMockServer mailgun;

	/**
	 * Creates the controller for a running mock.
	 * @param mailgun the mock whose messages to show
	 */
	public MockOutboxController(MailgunMockServer mailgun) {
		this.mailgun = mailgun;
	}

	/**
	 * Renders the outbox page.
	 * @return the page
	 */
	@GetMapping(path = "/outbox", produces = MediaType.TEXT_HTML_VALUE)
	public String outbox() {
		return MockOutbox.render(this.mailgun);
	}

	/**
	 * Renders the content of the outbox page, which the page fetches every second.
	 * @return the HTML fragment
	 */
	@GetMapping(path = "/outbox/content", produces = MediaType.TEXT_HTML_VALUE)
	public String content() {
		return MockOutbox.renderContent(this.mailgun);
	}

	/**
	 * Receives the message of the page's receive form and renders the page with where it was posted.
	 * Waits for the answers off the request thread (the route may post to this very application).
	 * @param form the form fields as a browser posts them
	 * @return the page
	 */
	@PostMapping(path = "/outbox", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.TEXT_HTML_VALUE)
	public Mono<String> receive(@ModelAttribute ReceiveForm form) {
		return Mono.fromCallable(() -> MockOutbox.receive(this.mailgun, form.fields()))
			.subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * The fields of the receive form, bound alike by Spring MVC and WebFlux (which reads no form into a
	 * {@code @RequestBody}).
	 *
	 * @param from the sender
	 * @param to the recipient the routes are matched against
	 * @param subject the subject
	 * @param text the plain-text body
	 * @param html the HTML body
	 */
	public record ReceiveForm(@Nullable String from, @Nullable String to, @Nullable String subject,
			@Nullable String text, @Nullable String html) {

		/**
		 * Returns the fields that were sent, by name.
		 * @return the fields
		 */
		public Map<String, String> fields() {
			Map<String, String> fields = new LinkedHashMap<>();
			put(fields, "from", this.from);
			put(fields, "to", this.to);
			put(fields, "subject", this.subject);
			put(fields, "text", this.text);
			put(fields, "html", this.html);
			return fields;
		}

		private static void put(Map<String, String> fields, String name, @Nullable String value) {
			if (value != null) {
				fields.put(name, value);
			}
		}

	}

}
