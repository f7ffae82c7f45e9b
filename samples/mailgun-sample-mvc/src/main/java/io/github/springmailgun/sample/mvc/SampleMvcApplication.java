package io.github.springmailgun.sample.mvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring MVC service written for Spring's mail abstraction: it only knows {@code JavaMailSender} and
 * {@code MimeMessageHelper}, and the starter sends through Mailgun's HTTP API.
 */
@SpringBootApplication
public class SampleMvcApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleMvcApplication.class, args);
	}

}
