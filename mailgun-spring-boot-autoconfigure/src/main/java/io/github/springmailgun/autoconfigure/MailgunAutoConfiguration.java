package io.github.springmailgun.autoconfigure;

import io.github.springmailgun.BlockingMailgunOperations;
import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.MailgunRuntimeHints;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.RetryPolicy;
import io.github.springmailgun.observation.MailgunSendObservationConvention;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configures the Mailgun client: {@link MailgunOperations} (reactive) and
 * {@link BlockingMailgunOperations}, from {@code mailgun.*} properties or a
 * {@link MailgunConnectionDetails} bean. The client is built from Spring Boot's
 * {@link WebClient.Builder} when there is one, so HTTP client metrics and tracing apply to it.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ MailgunTemplate.class, WebClient.class })
@ConditionalOnBooleanProperty(name = "mailgun.enabled", matchIfMissing = true)
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
			.retry(new RetryPolicy(retry.enabled(), retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(),
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

}
