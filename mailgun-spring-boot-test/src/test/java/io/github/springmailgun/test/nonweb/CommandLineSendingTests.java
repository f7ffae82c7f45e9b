package io.github.springmailgun.test.nonweb;

import io.github.springmailgun.BlockingMailgunOperations;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.test.MailgunMockServer;
import io.github.springmailgun.test.autoconfigure.MockMailgunConnectionDetails;
import org.junit.jupiter.api.Test;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A non-web application (a batch job) sends from a {@link CommandLineRunner} with the blocking
 * operations: no web server, no event loop to protect.
 */
class CommandLineSendingTests {

	@Test
	void runnerSendsAtStartUp() {
		try (MailgunMockServer mock = MailgunMockServer.builder().domain("jobs.example.com").start();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(BatchJob.class)
					.web(WebApplicationType.NONE)
					.initializers(applicationContext -> applicationContext.getBeanFactory()
						.registerSingleton("mailgunConnectionDetails", new MockMailgunConnectionDetails(mock)))
					.run("--recipient=ops@example.com")) {
			assertThat(context.getBean(BlockingMailgunOperations.class).domain()).isEqualTo("jobs.example.com");
			assertThat(mock.lastMessage().to()).containsExactly("ops@example.com");
			assertThat(mock.lastMessage().subject()).isEqualTo("Nightly job finished");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class BatchJob {

		@Bean
		CommandLineRunner report(BlockingMailgunOperations mailgun) {
			return args -> {
				String recipient = args[0].substring("--recipient=".length());
				mailgun.send(MailgunMessage.builder()
					.from("jobs@jobs.example.com")
					.to(recipient)
					.subject("Nightly job finished")
					.text("All 42 records processed.")
					.build());
			};
		}

	}

}
