package io.github.springmailgun.test.autoconfigure;

import java.util.List;
import java.util.UUID;

import io.github.springmailgun.autoconfigure.MailgunAutoConfiguration;
import io.github.springmailgun.autoconfigure.MailgunConnectionDetails;
import io.github.springmailgun.test.MailgunMockServer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Starts a {@link MailgunMockServer} for the application context and hands it to the starter as its
 * {@link MailgunConnectionDetails}, ahead of the properties-backed ones. The mock knows the application's
 * domains and signs its webhooks with the application's {@code mailgun.webhooks.signing-key}. Imported by
 * {@link AutoConfigureMailgunMock}.
 */
@AutoConfiguration(before = MailgunAutoConfiguration.class)
public final class MailgunMockAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	MailgunMockServer mailgunMockServer(Environment environment) {
		Binder binder = Binder.get(environment);
		// Knows the domains the application was configured with, so its code sends as it would for real.
		MailgunMockServer.Builder builder = MailgunMockServer.builder().apiKey("mock-" + UUID.randomUUID());
		binder.bind("mailgun.domain", String.class).ifBound(builder::domain);
		binder.bind("mailgun.health.domains", Bindable.listOf(String.class)).orElse(List.of()).forEach(builder::domain);
		// Signs its webhooks with the key the application verifies them with, so they pass unchanged.
		binder.bind("mailgun.webhooks.signing-key", String.class).ifBound(key -> {
			if (!key.isEmpty()) {
				builder.webhookSigningKey(key);
			}
		});
		return builder.start();
	}

	@Bean
	@ConditionalOnMissingBean(MailgunConnectionDetails.class)
	MockMailgunConnectionDetails mailgunMockConnectionDetails(MailgunMockServer mailgunMockServer) {
		return new MockMailgunConnectionDetails(mailgunMockServer);
	}

}
