package io.github.springmailgun.test.autoconfigure;

import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.message.MailgunMessage;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's application: a controller that sends a welcome mail.
 */
@SpringBootApplication
public class SignupApplication {

	@RestController
	static class SignupController {

		private final MailgunOperations mailgun;

		SignupController(MailgunOperations mailgun) {
			this.mailgun = mailgun;
		}

		@PostMapping("/signup")
		Mono<String> signup(@RequestParam String email) {
			return this.mailgun
				.send(MailgunMessage.builder()
					.from("Shop <shop@mg.myapp.example>")
					.to(email)
					.subject("Welcome!")
					.html("<h1>Welcome</h1>")
					.tag("signup")
					.build())
				.map(response -> response.messageId());
		}

	}

}
