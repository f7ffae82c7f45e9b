package io.github.springmailgun.sample.mvc;

import io.github.springmailgun.sample.local.LocalMailgunConfiguration;

import org.springframework.boot.SpringApplication;

/**
 * Starts the sample from the test class path ({@code mvn spring-boot:test-run}): against the in-process
 * Mailgun mock when MAILGUN_API_KEY is not set, and for real when it is.
 */
public final class LocalSampleMvcApplication {

	private LocalSampleMvcApplication() {
	}

	public static void main(String[] args) {
		String apiKey = System.getenv("MAILGUN_API_KEY");
		if (apiKey != null && !apiKey.isBlank()) {
			SampleMvcApplication.main(args);
		}
		else {
			SpringApplication.from(SampleMvcApplication::main).with(LocalMailgunConfiguration.class).run(args);
		}
	}

}
