package io.github.springmailgun.autoconfigure;

import io.github.springmailgun.BlockingMailgunOperations;
import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.MailgunRuntimeHints;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.observation.MailgunSendObservationConvention;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configures the Mailgun client: {@link MailgunOperations} (reactive) and
 * {@link BlockingMailgunOperations}, from {@code mailgun.*} properties or a
 * {@link MailgunConnectionDetails} bean. The client is built from Spring Boot's
 * {@link WebClient.Builder} when there is one, so HTTP client metrics and tracing apply to it. It backs
 * off in a service that only receives webhooks: {@code mailgun.webhooks.signing-key} set, but no API key.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ MailgunTemplate.class, WebClient.class })
@ConditionalOnBooleanProperty(name = "mailgun.enabled", matchIfMissing = true)
@Conditional(MailgunAutoConfiguration.SendingConfiguredCondition.class)
@EnableConfigurationProperties(MailgunProperties.class)
@ImportRuntimeHints(MailgunRuntimeHints.class)
public final class MailgunAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MailgunConnectionDetails.class)
	PropertiesMailgunConnectionDetails mailgunConnectionDetails(MailgunProperties properties) {
		return new PropertiesMailgunConnectionDetails(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	MailgunClientSettings mailgunClientSettings(MailgunProperties properties, MailgunConnectionDetails connectionDetails,
			ObjectProvider<MailgunClientSettingsCustomizer> customizers) {
		String apiKey = connectionDetails.getApiKey();
		if (apiKey == null || apiKey.isBlank()) {
			throw new MailgunPropertyMissingException("mailgun.api-key");
		}
		String domain = connectionDetails.getDomain();
		if (domain == null || domain.isBlank()) {
			throw new MailgunPropertyMissingException("mailgun.domain");
		}
		MailgunProperties.Retry retry = properties.retry();
		MailgunClientSettings.Builder builder = MailgunClientSettings.builder(apiKey, domain)
			.region(connectionDetails.getRegion())
			.baseUrl(connectionDetails.getBaseUrl())
			.connectTimeout(properties.connectTimeout())
			.readTimeout(properties.readTimeout())
			.retry(new MailgunRetryPolicy(retry.enabled(), retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(),
					retry.maxElapsedTime(), retry.retrySendOnServerError()))
			.defaultFrom(properties.defaultFrom())
			.testMode(properties.testMode());
		customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean(MailgunOperations.class)
	MailgunTemplate mailgunTemplate(MailgunClientSettings settings, ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<MailgunWebClientCustomizer> customizers, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<MailgunSendObservationConvention> observationConvention) {
		// Boot's builder bean is a prototype: this one is ours alone, so changing its connector is safe.
		WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder);
		builder.clientConnector(MailgunTemplate.defaultConnector(settings));
		customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
		MailgunTemplate template = new MailgunTemplate(settings, builder,
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
		template.setObservationConvention(observationConvention.getIfAvailable());
		return template;
	}

	@Bean
	@ConditionalOnMissingBean
	BlockingMailgunOperations blockingMailgunOperations(MailgunOperations mailgunOperations,
			MailgunClientSettings settings) {
		return new BlockingMailgunOperations(mailgunOperations, BlockingMailgunOperations.timeoutFor(settings));
	}

	/**
	 * Matches unless the application only receives webhooks: a webhook signing key is set, but neither an
	 * API key, a domain nor a bean that stands for the connection. Otherwise a missing key fails start-up
	 * with its explanation, as before.
	 */
	static final class SendingConfiguredCondition extends AnyNestedCondition {

		SendingConfiguredCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = "mailgun.api-key")
		static final class ApiKey {

		}

		// A domain without a key is a sender that forgot its key: fail with the explanation.
		@ConditionalOnProperty(name = "mailgun.domain")
		static final class Domain {

		}

		@ConditionalOnBean(MailgunConnectionDetails.class)
		static final class ConnectionDetails {

		}

		@ConditionalOnBean(MailgunClientSettings.class)
		static final class ClientSettings {

		}

		@ConditionalOnBean(MailgunOperations.class)
		static final class Operations {

		}

		@Conditional(NoWebhookSigningKeyCondition.class)
		static final class NotWebhookOnly {

		}

	}

	/**
	 * Matches when no webhook signing key is set.
	 */
	static final class NoWebhookSigningKeyCondition extends NoneNestedConditions {

		NoWebhookSigningKeyCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = "mailgun.webhooks.signing-key")
		static final class SigningKey {

		}

	}

}
