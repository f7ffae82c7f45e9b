package io.github.springmailgun.autoconfigure.app;

import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.message.MailgunMessage;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal WebFlux application as users write them: a controller that injects MailgunOperations.
 */
@SpringBootApplication
public class SendingApplication {

	@RestController
	static class WelcomeController {

		private final MailgunOperations mailgun;

		WelcomeController(MailgunOperations mailgun) {
			this.mailgun = mailgun;
		}

		@PostMapping("/welcome")
		Mono<String> welcome(@RequestParam String email) {
			return this.mailgun
				.send(MailgunMessage.builder().to(email).subject("Welcome").text("Hello and welcome!").build())
				.map(response -> response.messageId());
		}

	}

}
