package io.github.springmailgun.sample.local;

import io.github.springmailgun.test.MailgunMockServer;
import io.github.springmailgun.test.autoconfigure.AutoConfigureMailgunMock;
import io.github.springmailgun.test.autoconfigure.MockOutboxController;
import io.github.springmailgun.test.autoconfigure.MockWebhookRegistration;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Local mode: the starter sends to an in-process Mailgun mock, {@code GET /outbox} shows what was sent
 * and what happened to it, the mock posts its webhooks back to the application's endpoint, and mail the
 * mock receives for {@code support@...} is forwarded to the application's inbound endpoint. Lives
 * outside the application's package so component scanning never picks it up by accident.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigureMailgunMock
@Import({ MockOutboxController.class, MockWebhookRegistration.class, SupportRouteRegistration.class })
public class LocalMailgunConfiguration {

	/** The template {@code POST /welcome} names: the mock renders it into what {@code /outbox} shows. */
	@Bean
	ApplicationRunner welcomeTemplate(MailgunMockServer mailgun) {
		return (args) -> mailgun.templates().store(mailgun.domain(), "welcome", "<p>Welcome, {{name}}!</p>");
	}

}
