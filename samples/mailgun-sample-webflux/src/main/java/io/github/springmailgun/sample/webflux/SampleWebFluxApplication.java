package io.github.springmailgun.sample.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small WebFlux service that sends mail through Mailgun: a templated welcome mail and a report with an
 * attachment. Settings come from MAILGUN_API_KEY, MAILGUN_DOMAIN and MAILGUN_REGION.
 */
@SpringBootApplication
public class SampleWebFluxApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleWebFluxApplication.class, args);
	}

}
