package io.github.springmailgun.sample.webflux;

import java.util.Map;

import io.github.springmailgun.error.MailgunApiException;
import io.github.springmailgun.error.MailgunValidationException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the client's typed errors into HTTP answers: bad input is the caller's fault, Mailgun's refusals
 * are a gateway problem.
 */
@RestControllerAdvice
class ValidationErrorHandler {

	@ExceptionHandler(MailgunValidationException.class)
	ResponseEntity<Map<String, String>> invalid(MailgunValidationException ex) {
		return ResponseEntity.badRequest().body(Map.of("parameter", ex.getParameter(), "error", ex.getRule()));
	}

	@ExceptionHandler(MailgunApiException.class)
	ResponseEntity<Map<String, String>> refused(MailgunApiException ex) {
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
			.body(Map.of("status", Integer.toString(ex.getStatusCode()), "error", ex.getMailgunMessage()));
	}

}
