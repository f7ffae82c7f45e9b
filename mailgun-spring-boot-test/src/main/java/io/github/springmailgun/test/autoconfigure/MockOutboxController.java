package io.github.springmailgun.test.autoconfigure;

import io.github.springmailgun.test.MailgunMockServer;
import io.github.springmailgun.test.MockOutbox;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /outbox}: the mail the local mock accepted and what happened to it, as a page for a browser
 * that updates itself from {@code GET /outbox/content}. Works in Spring MVC and WebFlux applications
 * alike; import it into a local-development configuration next to {@link AutoConfigureMailgunMock}, never
 * into production.
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

}
