package io.github.springmailgun.sample.webflux;

import io.github.springmailgun.sample.local.LocalMailgunConfiguration;

import org.springframework.boot.SpringApplication;

/**
 * Starts the sample from the test class path ({@code mvn spring-boot:test-run}): against the in-process
 * Mailgun mock when MAILGUN_API_KEY is not set, so a newcomer sees mail "sent" without an account, and
 * for real when it is.
 */
public final class LocalSampleWebFluxApplication {

	private LocalSampleWebFluxApplication() {
	}

	public static void main(String[] args) {
		String apiKey = System.getenv("MAILGUN_API_KEY");
		if (apiKey != null && !apiKey.isBlank()) {
			SampleWebFluxApplication.main(args);
		}
		else {
			SpringApplication.from(SampleWebFluxApplication::main)
				.with(LocalMailgunConfiguration.class)
				.withAdditionalProfiles("local")
				.run(args);
		}
	}

}
