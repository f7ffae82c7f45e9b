package io.github.springmailgun.sample.mvc;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sends a receipt the way Spring mail tutorials do: {@code MimeMessageHelper} with an HTML body, a text
 * alternative and an attachment.
 */
@RestController
class ReceiptController {

	private final JavaMailSender mailSender;

	private final String from;

	ReceiptController(JavaMailSender mailSender, @Value("${sample.from}") String from) {
		this.mailSender = mailSender;
		this.from = from;
	}

	@PostMapping("/receipts")
	Map<String, String> send(@RequestParam String email, @RequestParam(defaultValue = "1001") String order)
			throws MessagingException {
		MimeMessage message = this.mailSender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom(this.from);
		helper.setTo(email);
		helper.setSubject("Receipt for order " + order);
		helper.setText("Thank you for order " + order + ".", "<h1>Thank you!</h1><p>Order " + order + " is paid.</p>");
		String csv = "order,total\n" + order + ",42.00\n";
		helper.addAttachment("receipt-" + order + ".csv", new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)),
				"text/csv");
		this.mailSender.send(message);
		return Map.of("messageId", message.getMessageID());
	}

	@ExceptionHandler({ MailParseException.class, MailPreparationException.class, MessagingException.class })
	ResponseEntity<Map<String, String>> badInput(Exception ex) {
		return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	@ExceptionHandler(MailException.class)
	ResponseEntity<Map<String, String>> notSent(MailException ex) {
		return ResponseEntity.status(502).body(Map.of("error", String.valueOf(ex.getMessage())));
	}

}
