package io.github.springmailgun.sample.local;

import io.github.springmailgun.test.MailgunMockServer;
import io.github.springmailgun.test.MockOutbox;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows the mail the local mock accepted, as a page for a browser.
 */
@RestController
public class OutboxController {

	private final MailgunMockServer mailgun;

	OutboxController(MailgunMockServer mailgun) {
		this.mailgun = mailgun;
	}

	@GetMapping(path = "/outbox", produces = MediaType.TEXT_HTML_VALUE)
	String outbox() {
		return MockOutbox.render(this.mailgun);
	}

}
