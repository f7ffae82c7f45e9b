package io.github.springmailgun.autoconfigure.mailapp;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * An application written for Spring's mail abstraction only, as in the usual tutorials.
 */
@SpringBootApplication
public class NotificationApplication {

	@Service
	public static class NotificationService {

		private final JavaMailSender mailSender;

		public NotificationService(JavaMailSender mailSender) {
			this.mailSender = mailSender;
		}

		public void sendReceipt(String to) throws MessagingException {
			MimeMessage message = this.mailSender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom("shop@mg.example.com");
			helper.setTo(to);
			helper.setSubject("Your receipt");
			helper.setText("Thanks!", "<p>Thanks!</p>");
			this.mailSender.send(message);
		}

	}

}
