package io.github.springmailgun.autoconfigure.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.github.springmailgun.BlockingMailgunOperations;
import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.autoconfigure.MailgunAutoConfiguration;
import io.github.springmailgun.autoconfigure.MailgunConnectionDetails;
import io.github.springmailgun.autoconfigure.MailgunMailSenderAutoConfiguration;
import io.github.springmailgun.autoconfigure.MailgunProperties;
import io.github.springmailgun.autoconfigure.MailgunPropertyMissingException;
import io.github.springmailgun.boot.webhook.CacheWebhookTokenStore;
import io.github.springmailgun.boot.webhook.MailgunWebhookHandler;
import io.github.springmailgun.webhook.InMemoryWebhookTokenStore;
import io.github.springmailgun.webhook.WebhookPayloadParser;
import io.github.springmailgun.webhook.WebhookSignatureVerifier;
import io.github.springmailgun.webhook.WebhookTokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

class MailgunWebhookAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MailgunWebhookAutoConfiguration.class));

	@Test
	void nothingWithoutASigningKey() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(WebhookSignatureVerifier.class)
			.doesNotHaveBean(WebhookTokenStore.class)
			.doesNotHaveBean(MailgunWebhookHandler.class));
	}

	@Test
	void signingKeyConfiguresTheWebhookBeans() {
		this.contextRunner.withPropertyValues("mailgun.webhooks.signing-key=key-1").run((context) -> {
			assertThat(context).hasSingleBean(WebhookSignatureVerifier.class)
				.hasSingleBean(WebhookPayloadParser.class)
				.hasSingleBean(MailgunWebhookHandler.class)
				.hasSingleBean(InMemoryWebhookTokenStore.class)
				// Not a web application: no route.
				.doesNotHaveBean("mailgunWebhookRouterFunction");
			WebhookSignatureVerifier verifier = context.getBean(WebhookSignatureVerifier.class);
			assertThat(verifier.maxAge()).isEqualTo(WebhookSignatureVerifier.DEFAULT_MAX_AGE);
			assertThat(verifier.maxFutureSkew()).isEqualTo(WebhookSignatureVerifier.DEFAULT_MAX_FUTURE_SKEW);
			assertThat(verifier.tokenStore()).isSameAs(context.getBean(WebhookTokenStore.class));
		});
	}

	@Test
	void propertiesAreBoundAndApplied() {
		this.contextRunner
			.withPropertyValues("mailgun.webhooks.signing-key=key-1", "mailgun.webhooks.parent-signing-key=parent-1",
					"mailgun.webhooks.trust-every-subaccount=true", "mailgun.webhooks.path=/hooks/mailgun", "mailgun.webhooks.max-age=2h",
					"mailgun.webhooks.max-future-skew=30s", "mailgun.webhooks.replay-cache=tokens",
					"mailgun.webhooks.max-body-size=64KB", "mailgun.webhooks.claim-lease=20s")
			.run((context) -> {
				MailgunProperties.Webhooks webhooks = context.getBean(MailgunProperties.class).webhooks();
				assertThat(webhooks.enabled()).isTrue();
				assertThat(webhooks.signingKey()).isEqualTo("key-1");
				assertThat(webhooks.parentSigningKey()).isEqualTo("parent-1");
				assertThat(webhooks.trustEverySubaccount()).isTrue();
				assertThat(webhooks.path()).isEqualTo("/hooks/mailgun");
				assertThat(webhooks.replayCache()).isEqualTo("tokens");
				assertThat(webhooks.maxBodySize()).isEqualTo(DataSize.ofKilobytes(64));
				WebhookSignatureVerifier verifier = context.getBean(WebhookSignatureVerifier.class);
				assertThat(verifier.maxAge()).isEqualTo(Duration.ofHours(2));
				assertThat(verifier.maxFutureSkew()).isEqualTo(Duration.ofSeconds(30));
				assertThat(verifier.claimLease()).isEqualTo(Duration.ofSeconds(20));
			});
	}

	@Test
	void aParentSigningKeyAloneFailsStartUpSayingWhatItWouldTrust() {
		// Every subaccount's webhooks carry a parent signature: the key alone would let any subaccount
		// operator post made-up events to this endpoint.
		this.contextRunner
			.withPropertyValues("mailgun.webhooks.signing-key=key-1", "mailgun.webhooks.parent-signing-key=parent-secret")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("mailgun.webhooks.parent-signing-key")
				.hasMessageContaining("every subaccount")
				.hasMessageContaining("mailgun.webhooks.trust-every-subaccount=true")
				.hasMessageNotContaining("parent-secret"));
	}

	@Test
	void defaultsMatchTheVerifiersAndTheDocumentation() {
		this.contextRunner.withPropertyValues("mailgun.webhooks.signing-key=key-1").run((context) -> {
			MailgunProperties.Webhooks webhooks = context.getBean(MailgunProperties.class).webhooks();
			assertThat(webhooks.path()).isEqualTo("/mailgun/webhooks");
			assertThat(webhooks.maxAge()).isEqualTo(WebhookSignatureVerifier.DEFAULT_MAX_AGE);
			assertThat(webhooks.maxFutureSkew()).isEqualTo(WebhookSignatureVerifier.DEFAULT_MAX_FUTURE_SKEW);
			assertThat(webhooks.replayCache()).isEqualTo("mailgun-webhook-tokens");
			assertThat(webhooks.maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
			assertThat(webhooks.claimLease()).isEqualTo(WebhookSignatureVerifier.DEFAULT_CLAIM_LEASE);
			assertThat(webhooks.parentSigningKey()).isNull();
		});
	}

	@Test
	void propertiesHideTheSigningKeys() {
		this.contextRunner
			.withPropertyValues("mailgun.webhooks.signing-key=whsec-very-secret",
					"mailgun.webhooks.parent-signing-key=parent-very-secret", "mailgun.webhooks.trust-every-subaccount=true",
					"mailgun.api-key=key-very-secret")
			.run((context) -> {
				String text = context.getBean(MailgunProperties.class).toString();
				assertThat(text).doesNotContain("very-secret")
					.contains("apiKey=******", "signingKey=******", "parentSigningKey=******", "path=/mailgun/webhooks");
				assertThat(context.getBean(WebhookSignatureVerifier.class).toString()).doesNotContain("very-secret");
				assertThat(context.getBean(MailgunWebhookHandler.class).toString()).doesNotContain("very-secret");
			});
		this.contextRunner.withPropertyValues("mailgun.webhooks.signing-key=whsec-very-secret")
			.run((context) -> assertThat(context.getBean(MailgunProperties.class).toString())
				.contains("parentSigningKey=null"));
	}

	@Test
	void switchedOffByEitherEnabledProperty() {
		this.contextRunner.withPropertyValues("mailgun.webhooks.signing-key=key-1", "mailgun.webhooks.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MailgunWebhookHandler.class)
				.doesNotHaveBean(WebhookSignatureVerifier.class));
		this.contextRunner.withPropertyValues("mailgun.webhooks.signing-key=key-1", "mailgun.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MailgunWebhookHandler.class)
				.doesNotHaveBean(MailgunProperties.class));
	}

	@Test
	void backsOffForUserBeans() {
		WebhookTokenStore store = new InMemoryWebhookTokenStore();
		this.contextRunner.withPropertyValues("mailgun.webhooks.signing-key=key-1")
			.withBean("myStore", WebhookTokenStore.class, () -> store)
			.run((context) -> {
				assertThat(context).hasSingleBean(WebhookTokenStore.class).doesNotHaveBean("webhookTokenStore");
				assertThat(context.getBean(WebhookSignatureVerifier.class).tokenStore()).isSameAs(store);
			});
		WebhookSignatureVerifier verifier = WebhookSignatureVerifier.builder("own-key").build();
		this.contextRunner.withPropertyValues("mailgun.webhooks.signing-key=key-1")
			.withBean("myVerifier", WebhookSignatureVerifier.class, () -> verifier)
			.run((context) -> {
				assertThat(context).hasSingleBean(WebhookSignatureVerifier.class);
				assertThat(context.getBean(WebhookSignatureVerifier.class)).isSameAs(verifier);
			});
		this.contextRunner.withPropertyValues("mailgun.webhooks.signing-key=key-1")
			.withBean("myHandler", MailgunWebhookHandler.class,
					() -> new MailgunWebhookHandler(verifier, new WebhookPayloadParser(), (event) -> {
					}))
			.run((context) -> assertThat(context).hasSingleBean(MailgunWebhookHandler.class)
				.hasBean("myHandler")
				.doesNotHaveBean("mailgunWebhookHandler"));
	}

	@Test
	void cacheManagerBacksTheTokenStore() {
		ConcurrentMapCacheManager cacheManager = new ConcurrentMapCacheManager();
		this.contextRunner.withPropertyValues("mailgun.webhooks.signing-key=key-1")
			.withBean(CacheManager.class, () -> cacheManager)
			.run((context) -> {
				assertThat(context).hasSingleBean(CacheWebhookTokenStore.class);
				CacheWebhookTokenStore store = context.getBean(CacheWebhookTokenStore.class);
				assertThat(store.getCache().getName()).isEqualTo("mailgun-webhook-tokens");
				assertThat(store.getCache()).isSameAs(cacheManager.getCache("mailgun-webhook-tokens"));
			});
		this.contextRunner.withPropertyValues("mailgun.webhooks.signing-key=key-1", "mailgun.webhooks.replay-cache=ours")
			.withBean(CacheManager.class, ConcurrentMapCacheManager::new)
			.run((context) -> assertThat(context.getBean(CacheWebhookTokenStore.class).getCache().getName())
				.isEqualTo("ours"));
	}

	@Test
	void emptyReplayCacheKeepsTokensInMemoryDespiteACacheManager() {
		this.contextRunner.withPropertyValues("mailgun.webhooks.signing-key=key-1", "mailgun.webhooks.replay-cache=")
			.withBean(CacheManager.class, ConcurrentMapCacheManager::new)
			.run((context) -> assertThat(context).hasSingleBean(InMemoryWebhookTokenStore.class)
				.doesNotHaveBean(CacheWebhookTokenStore.class));
	}

	@Test
	void cacheManagerWithoutTheCacheFailsNamingTheProperty() {
		// A cache manager with a fixed list of caches creates no other.
		this.contextRunner.withPropertyValues("mailgun.webhooks.signing-key=key-1")
			.withBean(CacheManager.class, () -> new ConcurrentMapCacheManager("products"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("mailgun.webhooks.replay-cache")
					.hasMessageContaining("spring.cache.cache-names");
			});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void cacheManagerOfSpringBootsCacheAutoConfigurationBacksTheTokenStore(CapturedOutput output) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class, MailgunWebhookAutoConfiguration.class))
			.withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("mailgun.webhooks.signing-key=key-1", "spring.cache.type=caffeine",
					"spring.cache.caffeine.spec=expireAfterWrite=10h,maximumSize=100000")
			.run((context) -> {
				assertThat(context.getBean(CacheWebhookTokenStore.class).getCache()).isInstanceOf(CaffeineCache.class);
				// At start-up, before any webhook: the size bound is what a replay could slip through.
				assertThat(output).contains("at most 100000 entries", "3.06 webhooks a second");
			});
	}

	@Test
	void invalidSettingsFailStartUpNamingThePropertyButNotTheKey() {
		// TestPropertyValues trims values; a property source keeps the padding, as a YAML string would.
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("padded",
						Map.<String, Object>of("mailgun.webhooks.signing-key", " padded-secret-key\n"))))
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("mailgun.webhooks.signing-key")
				.hasMessageNotContaining("padded-secret-key"));
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("blank", Map.<String, Object>of("mailgun.webhooks.signing-key", "key-1",
						"mailgun.webhooks.parent-signing-key", " "))))
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("mailgun.webhooks.parent-signing-key"));
		this.contextRunner.withPropertyValues("mailgun.webhooks.signing-key=")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("mailgun.webhooks.signing-key"));
		this.contextRunner.withPropertyValues("mailgun.webhooks.signing-key=key-1", "mailgun.webhooks.max-age=0s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("mailgun.webhooks.max-age"));
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MailgunWebhookAutoConfiguration.class))
			.withPropertyValues("mailgun.webhooks.signing-key=key-1", "mailgun.webhooks.path=mailgun")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("mailgun.webhooks.path"));
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(MailgunWebhookAutoConfiguration.class))
			.withPropertyValues("mailgun.webhooks.signing-key=key-1", "mailgun.webhooks.max-body-size=0B")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("mailgun.webhooks.max-body-size"));
	}

	@Test
	void reactiveApplicationGetsAWebFluxRoute() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MailgunWebhookAutoConfiguration.class))
			.withPropertyValues("mailgun.webhooks.signing-key=key-1")
			.run((context) -> assertThat(context).getBean("mailgunWebhookRouterFunction")
				.isInstanceOf(RouterFunction.class));
	}

	@Test
	void servletApplicationGetsAnMvcRoute() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(MailgunWebhookAutoConfiguration.class))
			.withPropertyValues("mailgun.webhooks.signing-key=key-1")
			.run((context) -> assertThat(context).getBean("mailgunWebhookRouterFunction")
				.isInstanceOf(org.springframework.web.servlet.function.RouterFunction.class));
	}

	@Test
	void servletApplicationWithoutSpringMvcGetsNoRouteButTheBeans() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(MailgunWebhookAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(org.springframework.web.servlet.function.RouterFunction.class))
			.withPropertyValues("mailgun.webhooks.signing-key=key-1")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("mailgunWebhookRouterFunction")
				.hasSingleBean(MailgunWebhookHandler.class));
	}

	@Test
	void userRouteOfTheSameNameWins() {
		RouterFunction<ServerResponse> own = RouterFunctions.route()
			.POST("/mailgun/webhooks", (request) -> ServerResponse.ok().build())
			.build();
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MailgunWebhookAutoConfiguration.class))
			.withPropertyValues("mailgun.webhooks.signing-key=key-1")
			.withBean("mailgunWebhookRouterFunction", RouterFunction.class, () -> own)
			.run((context) -> assertThat(context.getBean("mailgunWebhookRouterFunction")).isSameAs(own));
	}

	@Test
	void serviceThatOnlyReceivesWebhooksNeedsNoApiKey() {
		ApplicationContextRunner all = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
				MailgunAutoConfiguration.class, MailgunMailSenderAutoConfiguration.class,
				MailgunWebhookAutoConfiguration.class));
		all.withPropertyValues("mailgun.webhooks.signing-key=key-1")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(MailgunWebhookHandler.class)
				.doesNotHaveBean(MailgunOperations.class)
				.doesNotHaveBean(BlockingMailgunOperations.class));
		all.withPropertyValues("mailgun.webhooks.signing-key=key-1", "mailgun.api-key=k", "mailgun.domain=mg.example.com")
			.run((context) -> assertThat(context).hasSingleBean(MailgunWebhookHandler.class)
				.hasSingleBean(MailgunOperations.class));
		all.withPropertyValues("mailgun.webhooks.signing-key=key-1")
			.withBean(MailgunConnectionDetails.class, () -> new MailgunConnectionDetails() {
				@Override
				public URI getBaseUrl() {
					return URI.create("https://api.mailgun.net");
				}

				@Override
				public String getApiKey() {
					return "from-connection-details";
				}

				@Override
				public String getDomain() {
					return "mg.example.com";
				}
			})
			.run((context) -> assertThat(context).hasSingleBean(MailgunOperations.class));
		// Without webhooks, or with a domain, a missing API key still fails start-up with its explanation.
		all.run((context) -> assertThat(context.getStartupFailure()).rootCause()
			.isInstanceOf(MailgunPropertyMissingException.class));
		all.withPropertyValues("mailgun.webhooks.signing-key=key-1", "mailgun.domain=mg.example.com")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(MailgunPropertyMissingException.class)
				.hasMessageContaining("mailgun.api-key"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

	}

}
