package io.github.springmailgun.autoconfigure.reactiveblocking;

import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A WebFlux application that uses the blocking JavaMailSender, once wrongly on the event loop and once
 * offloaded to a blocking scheduler.
 */
@SpringBootApplication
public class ReactiveMailApplication {

	@RestController
	static class MailController {

		private final JavaMailSender mailSender;

		MailController(JavaMailSender mailSender) {
			this.mailSender = mailSender;
		}

		@PostMapping("/direct")
		Mono<String> direct() {
			return Mono.fromRunnable(() -> this.mailSender.send(message())).thenReturn("sent");
		}

		@PostMapping("/offloaded")
		Mono<String> offloaded() {
			return Mono.fromRunnable(() -> this.mailSender.send(message()))
				.subscribeOn(Schedulers.boundedElastic())
				.thenReturn("sent");
		}

		@ExceptionHandler(IllegalStateException.class)
		ResponseEntity<Map<String, String>> blockedEventLoop(IllegalStateException ex) {
			return ResponseEntity.internalServerError().body(Map.of("error", String.valueOf(ex.getMessage())));
		}

		private static SimpleMailMessage message() {
			SimpleMailMessage message = new SimpleMailMessage();
			message.setFrom("shop@mg.example.com");
			message.setTo("a@example.com");
			message.setSubject("s");
			message.setText("t");
			return message;
		}

	}

}
