package io.github.springmailgun.sample.webflux;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;

import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendResponse;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sends the sample's two mails. Validation errors of the message builder surface as 400 responses.
 */
@RestController
class MailController {

	private final MailgunOperations mailgun;

	private final String from;

	MailController(MailgunOperations mailgun, @Value("${sample.from}") String from) {
		this.mailgun = mailgun;
		this.from = from;
	}

	/** A welcome mail rendered by the Mailgun template "welcome". */
	@PostMapping("/welcome")
	Mono<Map<String, String>> welcome(@RequestParam String email, @RequestParam(defaultValue = "there") String name) {
		return this.mailgun
			.send(MailgunMessage.builder()
				.from(this.from)
				.to(email)
				.subject("Welcome, " + name + "!")
				.template("welcome")
				.templateVariables(Map.of("name", name))
				.tag("welcome")
				.build())
			.map(MailController::body);
	}

	/** A mail with an HTML body and a CSV attachment. */
	@PostMapping("/report")
	Mono<Map<String, String>> report(@RequestParam String email) {
		String csv = "date,signups\n" + LocalDate.now() + ",42\n";
		return this.mailgun
			.send(MailgunMessage.builder()
				.from(this.from)
				.to(email)
				.subject("Your daily report")
				.html("<h1>Daily report</h1><p>42 new sign-ups today. The numbers are attached.</p>")
				.text("42 new sign-ups today. The numbers are attached.")
				.attachment(Attachment.of("report.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv"))
				.tag("report")
				.build())
			.map(MailController::body);
	}

	private static Map<String, String> body(SendResponse response) {
		return Map.of("id", response.messageId(), "message", response.message());
	}

}
