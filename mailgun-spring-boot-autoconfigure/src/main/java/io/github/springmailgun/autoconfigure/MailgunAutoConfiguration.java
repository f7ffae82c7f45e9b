package io.github.springmailgun.autoconfigure;

import java.time.Duration;

import io.github.springmailgun.BlockingMailgunOperations;
import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.MailgunRuntimeHints;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.boot.message.CacheSendIdempotencyStore;
import io.github.springmailgun.message.InMemorySendIdempotencyStore;
import io.github.springmailgun.message.SendIdempotencyStore;
import io.github.springmailgun.observation.MailgunSendObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import io.netty.resolver.NoopAddressResolverGroup;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

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
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configures the Mailgun client: {@link MailgunOperations} (reactive) and
 * {@link BlockingMailgunOperations}, from {@code mailgun.*} properties or a
 * {@link MailgunConnectionDetails} bean. The client is built from Spring Boot's
 * {@link WebClient.Builder} when there is one, so HTTP client metrics and tracing apply to it, on a
 * connector from the application's {@link ClientHttpConnectorBuilder} ({@code spring.http.clients.*}, with
 * {@code mailgun.*} taking precedence). It backs off in a service that only receives webhooks:
 * {@code mailgun.webhooks.signing-key} set, but no API key.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration",
		"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" })
@ConditionalOnClass({ MailgunTemplate.class, WebClient.class })
@ConditionalOnBooleanProperty(name = "mailgun.enabled", matchIfMissing = true)
@Conditional(MailgunAutoConfiguration.SendingConfiguredCondition.class)
@EnableConfigurationProperties(MailgunProperties.class)
@ImportRuntimeHints(MailgunRuntimeHints.class)
public final class MailgunAutoConfiguration {

	private static final Log logger = LogFactory.getLog(MailgunAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(MailgunConnectionDetails.class)
	PropertiesMailgunConnectionDetails mailgunConnectionDetails(MailgunProperties properties) {
		return new PropertiesMailgunConnectionDetails(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	MailgunClientSettings mailgunClientSettings(MailgunProperties properties, MailgunConnectionDetails connectionDetails,
			ObjectProvider<HttpClientSettings> httpClientSettings,
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
		// mailgun.* first, then spring.http.clients.* (Boot's settings bean), then the client's defaults.
		HttpClientSettings boot = httpClientSettings.getIfAvailable(HttpClientSettings::defaults);
		MailgunClientSettings.Builder builder = MailgunClientSettings.builder(apiKey, domain)
			.region(connectionDetails.getRegion())
			.baseUrl(connectionDetails.getBaseUrl())
			.connectTimeout(first(properties.connectTimeout(), boot.connectTimeout(),
					MailgunClientSettings.DEFAULT_CONNECT_TIMEOUT))
			.readTimeout(first(properties.readTimeout(), boot.readTimeout(), MailgunClientSettings.DEFAULT_READ_TIMEOUT))
			.writeTimeout(first(properties.writeTimeout(), null, MailgunClientSettings.DEFAULT_WRITE_TIMEOUT))
			.retry(new MailgunRetryPolicy(retry.enabled(), retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(),
					retry.maxElapsedTime(), retry.retrySendOnServerError()))
			.defaultFrom(properties.defaultFrom())
			.testMode(properties.testMode());
		customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean(MailgunOperations.class)
	MailgunTemplate mailgunTemplate(MailgunClientSettings settings, MailgunProperties properties,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<SslBundles> sslBundles,
			ResourceLoader resourceLoader, ObjectProvider<MailgunWebClientCustomizer> customizers,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<MailgunSendObservationConvention> observationConvention,
			ObjectProvider<SendIdempotencyStore> idempotencyStore) {
		// Boot's builder bean is a prototype: this one is ours alone, so changing its connector is safe.
		WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder);
		SslBundle sslBundle = sslBundle(properties.ssl().bundle(), sslBundles,
				httpClientSettings.getIfAvailable(HttpClientSettings::defaults));
		// Redirects are never followed: a 307 would send the message twice, and the key to another host.
		// The read timeout is left to the client, which applies it alike on every connector.
		HttpClientSettings connectorSettings = new HttpClientSettings(HttpRedirects.DONT_FOLLOW,
				settings.connectTimeout(), null, sslBundle);
		ClientHttpConnectorBuilder<?> connectors = connectorBuilder
			.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader()));
		builder.clientConnector(withSystemProxy(connectors).build(connectorSettings));
		customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
		MailgunTemplate template = new MailgunTemplate(settings, builder,
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
		template.setObservationConvention(observationConvention.getIfAvailable());
		template.setTraceCorrelation(properties.observations().correlate());
		idempotencyStore.ifAvailable(template::setIdempotencyStore);
		template.setIdempotencyInFlightLease(properties.idempotency().inFlightLease());
		return template;
	}

	@Bean
	@ConditionalOnMissingBean
	SendIdempotencyStore mailgunSendIdempotencyStore(MailgunProperties properties,
			ObjectProvider<CacheManager> cacheManagers, Environment environment) {
		String cacheName = properties.idempotency().cache();
		// As the webhook replay cache: looked up when the bean is created, so the order of the cache
		// auto-configuration does not matter.
		CacheManager cacheManager = StringUtils.hasText(cacheName) ? cacheManagers.getIfUnique() : null;
		if (cacheManager == null) {
			return new InMemorySendIdempotencyStore();
		}
		Cache cache = cacheManager.getCache(cacheName);
		// Unlike the webhook endpoint, sending is not opted into: an application whose fixed cache list
		// predates this cache must still start. Only one that named the cache is stopped.
		if (cache == null && !environment.containsProperty("mailgun.idempotency.cache")) {
			logger.warn("The application's CacheManager has no cache '" + cacheName + "': sends with an "
					+ "idempotency key are recorded in this instance's memory only. Add the cache to "
					+ "spring.cache.cache-names to share them between instances, or set mailgun.idempotency.cache");
			return new InMemorySendIdempotencyStore();
		}
		if (cache == null) {
			throw new InvalidConfigurationPropertyValueException("mailgun.idempotency.cache", cacheName,
					"The application's CacheManager has no cache of that name. Add it to the caches the "
							+ "CacheManager creates (spring.cache.cache-names), or set mailgun.idempotency.cache "
							+ "to empty to keep sends with an idempotency key in memory (one instance only).");
		}
		return new CacheSendIdempotencyStore(cache);
	}

	/**
	 * Reactor Netty ignores the JVM's proxy properties ({@code https.proxyHost}, {@code http.nonProxyHosts},
	 * ...) unless told to read them, and Boot 4.0 does not tell it; so Mailgun's client is told, on a builder of
	 * its own: the application's other clients stay as they are. (Boot 4.1 tells every client it builds; the
	 * customizer then finds the proxy in place.) The customizer runs after the application's (its builder bean,
	 * a {@code ClientHttpConnectorBuilderCustomizer}) and keeps a proxy it finds on the client, so the
	 * application's proxy wins. (Boot's builder is a bean too, so the proxy decides, not where the builder came
	 * from.) The JDK client, and HttpComponents as Boot builds it, read the properties by themselves
	 * ({@code ProxySelector.getDefault()}); Jetty's uses its builder's proxy.
	 */
	private static ClientHttpConnectorBuilder<?> withSystemProxy(ClientHttpConnectorBuilder<?> builder) {
		if (builder instanceof ReactorClientHttpConnectorBuilder reactor) {
			return reactor.withHttpClientCustomizer(ReactorSystemProxy::apply);
		}
		return builder;
	}

	/**
	 * Reactor Netty types stay out of the configuration class's own signatures, which Spring introspects.
	 */
	private static final class ReactorSystemProxy {

		static HttpClient apply(HttpClient client) {
			if (client.configuration().hasProxy()) {
				return client;
			}
			HttpClient proxied = client.proxyWithSystemProperties();
			// Behind a proxy the proxy resolves the host (there may be no DNS for it on this side), so no
			// resolver: Boot's shared event loops come with one, which would fail before the proxy is asked.
			// Reactor Netty resolves a host that http.nonProxyHosts exempts itself.
			return proxied.configuration().hasProxy() ? proxied.resolver(NoopAddressResolverGroup.INSTANCE) : proxied;
		}

	}

	/** The bundle named by mailgun.ssl.bundle, else that of spring.http.clients.ssl.bundle, else none. */
	private static @Nullable SslBundle sslBundle(@Nullable String name, ObjectProvider<SslBundles> sslBundles,
			HttpClientSettings boot) {
		if (name == null || name.isBlank()) {
			return boot.sslBundle();
		}
		SslBundles bundles = sslBundles.getIfAvailable();
		if (bundles == null) {
			throw new MailgunSslBundleMissingException(name, null);
		}
		try {
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new MailgunSslBundleMissingException(name, ex);
		}
	}

	private static Duration first(@Nullable Duration mailgun, @Nullable Duration boot, Duration fallback) {
		return (mailgun != null) ? mailgun : (boot != null) ? boot : fallback;
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
