package io.github.springmailgun.autoconfigure.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.springmailgun.boot.webhook.CacheWebhookTokenStore;
import io.github.springmailgun.boot.webhook.MailgunWebhookHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.http.HttpStatus;

import static io.github.springmailgun.autoconfigure.webhook.SignedWebhooks.SIGNING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of a service behind a load balancer share one cache: a webhook processed by one is a
 * replay for the other, and one whose listener failed on the first is still accepted by the second.
 */
class SharedReplayCacheTests {

	private static ApplicationContextRunner instance(CacheManager shared) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MailgunWebhookAutoConfiguration.class))
			.withPropertyValues("mailgun.webhooks.signing-key=" + SIGNING_KEY)
			.withBean(CacheManager.class, () -> shared)
			.withBean(WebhookRecorder.class);
	}

	@Test
	void concurrentMapCacheManagerWithoutTimeToLive() {
		assertReplaysAreSharedThrough(new ConcurrentMapCacheManager());
	}

	@Test
	void caffeineCacheManagerThatExpiresAfterTheMaximumAge() {
		CaffeineCacheManager caffeine = new CaffeineCacheManager();
		// At least max-age plus max-future-skew (9h5m by default), so that no accepted token is forgotten.
		caffeine.setCaffeine(Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(10)).maximumSize(1_000_000));
		assertReplaysAreSharedThrough(caffeine);
	}

	private void assertReplaysAreSharedThrough(CacheManager shared) {
		byte[] webhook = SignedWebhooks.json("delivered.json", SIGNING_KEY, SignedWebhooks.token())
			.getBytes(StandardCharsets.UTF_8);
		byte[] failing = SignedWebhooks.json("clicked.json", SIGNING_KEY, SignedWebhooks.token())
			.getBytes(StandardCharsets.UTF_8);
		instance(shared).run((a) -> instance(shared).run((b) -> {
			assertThat(a.getBean(CacheWebhookTokenStore.class).getCache())
				.isSameAs(b.getBean(CacheWebhookTokenStore.class).getCache());
			MailgunWebhookHandler handlerA = a.getBean(MailgunWebhookHandler.class);
			MailgunWebhookHandler handlerB = b.getBean(MailgunWebhookHandler.class);

			assertThat(handlerA.handle(webhook, "application/json")).isEqualTo(HttpStatus.OK);
			assertThat(handlerB.handle(webhook, "application/json")).isEqualTo(HttpStatus.NOT_ACCEPTABLE);
			assertThat(b.getBean(WebhookRecorder.class).threads).isEmpty();

			a.getBean(WebhookRecorder.class).failing = true;
			assertThat(handlerA.handle(failing, "application/json")).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
			assertThat(handlerB.handle(failing, "application/json")).isEqualTo(HttpStatus.OK);
			assertThat(handlerA.handle(failing, "application/json")).isEqualTo(HttpStatus.NOT_ACCEPTABLE);
			assertThat(a.getBean(WebhookRecorder.class).events).hasSize(1);
			assertThat(b.getBean(WebhookRecorder.class).events).hasSize(1);
		}));
	}

}
