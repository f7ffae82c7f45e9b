package io.github.springmailgun.autoconfigure.webhook;

import java.time.Duration;

import io.github.springmailgun.autoconfigure.MailgunProperties;
import io.github.springmailgun.boot.webhook.CacheWebhookTokenStore;
import io.github.springmailgun.boot.webhook.MailgunWebhookHandler;
import io.github.springmailgun.boot.webhook.WebhookObservations;
import io.github.springmailgun.webhook.InMemoryWebhookTokenStore;
import io.github.springmailgun.webhook.MailgunWebhookEvent;
import io.github.springmailgun.webhook.WebhookPayloadParser;
import io.github.springmailgun.webhook.WebhookSignatureVerifier;
import io.github.springmailgun.webhook.WebhookTokenStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.StringUtils;

/**
 * Auto-configures the Mailgun webhook endpoint when {@code mailgun.webhooks.signing-key} is set: a
 * {@link WebhookSignatureVerifier} with a {@link WebhookTokenStore}, a {@link MailgunWebhookHandler} that
 * publishes {@link MailgunWebhookEvent}s, and a {@code POST} route at {@code mailgun.webhooks.path} in a
 * WebFlux or Spring MVC application. It needs no API key, so a service may only receive webhooks.
 *
 * <p>
 * Processed tokens are kept in the cache named by {@code mailgun.webhooks.replay-cache} when the
 * application has a {@link CacheManager}, so that every instance sharing it rejects replays; otherwise in
 * an {@link InMemoryWebhookTokenStore}. Every bean backs off when the application defines its own.
 */
@AutoConfiguration
@ConditionalOnClass(WebhookSignatureVerifier.class)
@ConditionalOnBooleanProperty(name = { "mailgun.enabled", "mailgun.webhooks.enabled" }, matchIfMissing = true)
@ConditionalOnProperty(name = "mailgun.webhooks.signing-key")
@EnableConfigurationProperties(MailgunProperties.class)
@Import({ ReactiveWebhookEndpointConfiguration.class, ServletWebhookEndpointConfiguration.class })
public final class MailgunWebhookAutoConfiguration {

	private static final String MASKED = "******";

	@Bean
	@ConditionalOnMissingBean
	WebhookPayloadParser webhookPayloadParser() {
		return new WebhookPayloadParser();
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookTokenStore webhookTokenStore(MailgunProperties properties, ObjectProvider<CacheManager> cacheManagers) {
		String cacheName = properties.webhooks().replayCache();
		// Looked up when the bean is created, not by a condition, so that the order of the cache
		// auto-configuration does not matter; an ambiguous choice of cache managers is no choice.
		CacheManager cacheManager = StringUtils.hasText(cacheName) ? cacheManagers.getIfUnique() : null;
		if (cacheManager == null) {
			return new InMemoryWebhookTokenStore();
		}
		Cache cache = cacheManager.getCache(cacheName);
		if (cache == null) {
			throw new InvalidConfigurationPropertyValueException("mailgun.webhooks.replay-cache", cacheName,
					"The application's CacheManager has no cache of that name. Add it to the caches the "
							+ "CacheManager creates (spring.cache.cache-names), or set mailgun.webhooks.replay-cache "
							+ "to empty to keep the tokens in memory.");
		}
		return new CacheWebhookTokenStore(cache);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookSignatureVerifier webhookSignatureVerifier(MailgunProperties properties, WebhookTokenStore tokenStore) {
		MailgunProperties.Webhooks webhooks = properties.webhooks();
		String signingKey = webhooks.signingKey();
		if (signingKey == null || !isUsableKey(signingKey)) {
			throw invalidKey("mailgun.webhooks.signing-key");
		}
		String parentSigningKey = webhooks.parentSigningKey();
		if (parentSigningKey != null && !isUsableKey(parentSigningKey)) {
			throw invalidKey("mailgun.webhooks.parent-signing-key");
		}
		if (parentSigningKey != null && !webhooks.trustEverySubaccount()) {
			throw new InvalidConfigurationPropertyValueException("mailgun.webhooks.parent-signing-key", MASKED,
					"Events signed with the primary account's key come from every subaccount, and the signature "
							+ "does not cover the event: any subaccount operator could post made-up events here. "
							+ "Set mailgun.webhooks.trust-every-subaccount=true to accept them (listeners see "
							+ "event.verification().signedByParent(); confirm such events through the Events API "
							+ "before acting on them), or remove the parent signing key.");
		}
		WebhookSignatureVerifier verifier = WebhookSignatureVerifier.builder(signingKey)
			.parentSigningKey(parentSigningKey)
			.maxAge(positive("mailgun.webhooks.max-age", webhooks.maxAge()))
			.maxFutureSkew(notNegative("mailgun.webhooks.max-future-skew", webhooks.maxFutureSkew()))
			.claimLease(positive("mailgun.webhooks.claim-lease", webhooks.claimLease()))
			.tokenStore(tokenStore)
			.build();
		if (tokenStore instanceof CacheWebhookTokenStore cacheStore) {
			// At start-up, not at the first webhook: a cache that forgets tokens early is a configuration mistake.
			cacheStore.checkRetention(verifier.tokenTtl());
		}
		return verifier;
	}

	@Bean
	@ConditionalOnMissingBean
	MailgunWebhookHandler mailgunWebhookHandler(WebhookSignatureVerifier webhookSignatureVerifier,
			WebhookPayloadParser webhookPayloadParser, ApplicationEventPublisher eventPublisher,
			ObjectProvider<WebhookObservations> webhookObservations) {
		return new MailgunWebhookHandler(webhookSignatureVerifier, webhookPayloadParser, eventPublisher,
				webhookObservations.getIfAvailable(() -> WebhookObservations.NONE));
	}

	/**
	 * Records the {@code mailgun.webhook} observation and metrics with the application's registries. Kept
	 * apart because Micrometer's meter API is optional.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class WebhookObservationsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WebhookObservations mailgunWebhookObservations(ObjectProvider<ObservationRegistry> observationRegistry,
				ObjectProvider<MeterRegistry> meterRegistry) {
			return new WebhookObservations(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
					meterRegistry.getIfUnique());
		}

	}

	/**
	 * Returns the endpoint path, checked.
	 * @param properties the properties
	 * @return the path
	 */
	static String path(MailgunProperties properties) {
		String path = properties.webhooks().path();
		if (!path.startsWith("/") || path.chars().anyMatch(Character::isWhitespace)) {
			throw new InvalidConfigurationPropertyValueException("mailgun.webhooks.path", path,
					"The path must start with '/' and contain no whitespace.");
		}
		return path;
	}

	/**
	 * Returns the maximum body size in bytes, checked.
	 * @param properties the properties
	 * @return the size
	 */
	static int maxBodySize(MailgunProperties properties) {
		long bytes = properties.webhooks().maxBodySize().toBytes();
		// One byte more than the limit is read to detect a larger body, and arrays stop short of MAX_VALUE.
		if (bytes < 1 || bytes > Integer.MAX_VALUE - 16) {
			throw new InvalidConfigurationPropertyValueException("mailgun.webhooks.max-body-size",
					properties.webhooks().maxBodySize(), "The size must be at least 1B and below 2GB.");
		}
		return (int) bytes;
	}

	// Same rules as the verifier's, checked here so that the failure names the property and not the key.
	private static boolean isUsableKey(String key) {
		return !key.isBlank() && key.strip().equals(key);
	}

	private static InvalidConfigurationPropertyValueException invalidKey(String name) {
		return new InvalidConfigurationPropertyValueException(name, MASKED,
				"The signing key must not be empty or start or end with whitespace.");
	}

	private static Duration positive(String name, Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			throw new InvalidConfigurationPropertyValueException(name, duration, "The duration must be positive.");
		}
		return duration;
	}

	private static Duration notNegative(String name, Duration duration) {
		if (duration.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(name, duration, "The duration must not be negative.");
		}
		return duration;
	}

}
