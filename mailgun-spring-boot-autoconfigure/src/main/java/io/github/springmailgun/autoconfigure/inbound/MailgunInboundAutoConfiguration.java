package io.github.springmailgun.autoconfigure.inbound;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.springmailgun.autoconfigure.MailgunProperties;
import io.github.springmailgun.autoconfigure.webhook.MailgunWebhookAutoConfiguration;
import io.github.springmailgun.boot.inbound.InboundLimits;
import io.github.springmailgun.boot.inbound.MailgunInboundHandler;
import io.github.springmailgun.inbound.MailgunInboundMessage;
import io.github.springmailgun.webhook.InMemoryWebhookTokenStore;
import io.github.springmailgun.webhook.WebhookSignatureVerifier;
import io.github.springmailgun.webhook.WebhookTokenStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.util.unit.DataSize;

/**
 * Auto-configures the Mailgun inbound mail endpoint when {@code mailgun.inbound.path} is set (not empty): a
 * {@link MailgunInboundHandler} that publishes {@link MailgunInboundMessage}s, and a {@code POST} route at
 * that path in a WebFlux or Spring MVC application. Posts are verified with
 * {@code mailgun.inbound.signing-key}, or {@code mailgun.webhooks.signing-key} when that is not set, within
 * the webhooks' age window, and their tokens kept in the application's {@link WebhookTokenStore} when it
 * has one. It does not enable the webhook endpoint.
 */
@AutoConfiguration(after = MailgunWebhookAutoConfiguration.class)
@ConditionalOnClass(WebhookSignatureVerifier.class)
@ConditionalOnBooleanProperty(name = "mailgun.enabled", matchIfMissing = true)
@Conditional(OnInboundPathCondition.class)
@EnableConfigurationProperties(MailgunProperties.class)
@Import({ ReactiveInboundEndpointConfiguration.class, ServletInboundEndpointConfiguration.class })
public final class MailgunInboundAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MailgunInboundHandler mailgunInboundHandler(MailgunProperties properties,
			ObjectProvider<WebhookTokenStore> tokenStores, ApplicationEventPublisher eventPublisher) {
		MailgunProperties.Inbound inbound = properties.inbound();
		String signingKey = (inbound.signingKey() != null) ? inbound.signingKey() : properties.webhooks().signingKey();
		if (signingKey == null || signingKey.isBlank() || !signingKey.strip().equals(signingKey)) {
			throw new InvalidConfigurationPropertyValueException("mailgun.inbound.signing-key",
					(signingKey != null) ? "******" : null,
					"mailgun.inbound.path is set, so the inbound endpoint needs the HTTP webhook signing key to "
							+ "verify posts: set mailgun.inbound.signing-key or mailgun.webhooks.signing-key "
							+ "(not empty, no surrounding whitespace).");
		}
		// The webhooks' store when they have one, so that every instance shares it; tokens never collide.
		WebhookTokenStore tokenStore = tokenStores.getIfUnique(InMemoryWebhookTokenStore::new);
		WebhookSignatureVerifier verifier = WebhookSignatureVerifier.builder(signingKey)
			.maxAge(properties.webhooks().maxAge())
			.maxFutureSkew(properties.webhooks().maxFutureSkew())
			.tokenStore(tokenStore)
			.build();
		return new MailgunInboundHandler(verifier, eventPublisher, limits(inbound));
	}

	/**
	 * Returns the endpoint path, checked.
	 * @param properties the properties
	 * @return the path
	 */
	static String path(MailgunProperties properties) {
		String path = properties.inbound().path();
		if (path == null || !path.startsWith("/") || path.chars().anyMatch(Character::isWhitespace)
				|| path.contains("*")) {
			throw new InvalidConfigurationPropertyValueException("mailgun.inbound.path", path,
					"The path must start with '/' and contain no whitespace or '*'.");
		}
		return path;
	}

	private static InboundLimits limits(MailgunProperties.Inbound inbound) {
		long maxRequestSize = positive("mailgun.inbound.max-request-size", inbound.maxRequestSize());
		long maxFieldSize = positive("mailgun.inbound.max-field-size", inbound.maxFieldSize());
		if (maxFieldSize > Integer.MAX_VALUE - 16) {
			throw new InvalidConfigurationPropertyValueException("mailgun.inbound.max-field-size",
					inbound.maxFieldSize(), "Text fields are held in memory: the size must be below 2GB.");
		}
		if (inbound.maxFields() < 1) {
			throw new InvalidConfigurationPropertyValueException("mailgun.inbound.max-fields", inbound.maxFields(),
					"The number must be at least 1.");
		}
		if (inbound.maxInFlight() < 1) {
			throw new InvalidConfigurationPropertyValueException("mailgun.inbound.max-in-flight",
					inbound.maxInFlight(), "The number must be at least 1.");
		}
		Path directory = (inbound.tempDirectory() != null) ? inbound.tempDirectory()
				: Path.of(System.getProperty("java.io.tmpdir"));
		if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
			throw new InvalidConfigurationPropertyValueException("mailgun.inbound.temp-directory", directory,
					"The directory must exist and be writable.");
		}
		return new InboundLimits(maxRequestSize, inbound.maxFields(), (int) maxFieldSize, inbound.maxInFlight(),
				directory);
	}

	private static long positive(String name, DataSize size) {
		if (size.toBytes() < 1) {
			throw new InvalidConfigurationPropertyValueException(name, size, "The size must be at least 1B.");
		}
		return size.toBytes();
	}

}
