package io.github.springmailgun.boot.message;

import java.time.Duration;

import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.autoconfigure.MailgunAutoConfiguration;
import io.github.springmailgun.error.MailgunIdempotencyException;
import io.github.springmailgun.error.MailgunIdempotencyException.Reason;
import io.github.springmailgun.message.InMemorySendIdempotencyStore;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendIdempotencyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the auto-configuration picks the store of sends with an idempotency key.
 */
@ExtendWith(OutputCaptureExtension.class)
class SendIdempotencyAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MailgunAutoConfiguration.class))
		.withPropertyValues("mailgun.api-key=key-test", "mailgun.domain=mg.example.com");

	@Test
	void withoutACacheManagerSendsAreRecordedInMemory() {
		this.contextRunner.run(context -> assertThat(context).getBean(SendIdempotencyStore.class)
			.isInstanceOf(InMemorySendIdempotencyStore.class));
	}

	@Test
	void aCacheManagerBacksTheStoreWithTheNamedCache() {
		this.contextRunner.withBean(CacheManager.class, () -> new ConcurrentMapCacheManager("sends"))
			.withPropertyValues("mailgun.idempotency.cache=sends")
			.run(context -> assertThat(context).getBean(SendIdempotencyStore.class)
				.isInstanceOfSatisfying(CacheSendIdempotencyStore.class,
						store -> assertThat(store.getCache().getName()).isEqualTo("sends")));
	}

	@Test
	void anEmptyCacheNameKeepsSendsInMemory() {
		this.contextRunner.withBean(CacheManager.class, ConcurrentMapCacheManager::new)
			.withPropertyValues("mailgun.idempotency.cache=")
			.run(context -> assertThat(context).getBean(SendIdempotencyStore.class)
				.isInstanceOf(InMemorySendIdempotencyStore.class));
	}

	@Test
	void aFixedCacheListWithoutTheDefaultCacheKeepsSendsInMemoryAndSaysSo(CapturedOutput output) {
		this.contextRunner.withBean(CacheManager.class, () -> new ConcurrentMapCacheManager("other"))
			.run(context -> {
				assertThat(context).getBean(SendIdempotencyStore.class).isInstanceOf(InMemorySendIdempotencyStore.class);
				assertThat(output).contains("no cache 'mailgun-send-idempotency'", "spring.cache.cache-names");
			});
	}

	@Test
	void aFixedCacheListWithoutTheNamedCacheFailsNamingTheProperty() {
		this.contextRunner.withBean(CacheManager.class, () -> new ConcurrentMapCacheManager("other"))
			.withPropertyValues("mailgun.idempotency.cache=sends")
			.run(context -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("mailgun.idempotency.cache")
				.hasMessageContaining("spring.cache.cache-names"));
	}

	@Test
	void anApplicationStoreWinsAndTheClientUsesIt() {
		this.contextRunner.withUserConfiguration(RefusingStoreConfiguration.class)
			.run(context -> {
				assertThat(context).getBean(SendIdempotencyStore.class).isSameAs(RefusingStoreConfiguration.STORE);
				// The store holds a value the client cannot read: the send is refused before any request.
				assertThatThrownBy(() -> context.getBean(MailgunOperations.class)
					.send(MailgunMessage.builder()
						.from("shop@mg.example.com")
						.to("alice@example.com")
						.text("Hi")
						.idempotencyKey("k")
						.build())
					.block(Duration.ofSeconds(5)))
					.isInstanceOfSatisfying(MailgunIdempotencyException.class,
							ex -> assertThat(ex.getReason()).isEqualTo(Reason.UNKNOWN_OUTCOME));
			});
	}

	@Test
	void theInFlightLeaseIsChecked() {
		this.contextRunner.withPropertyValues("mailgun.idempotency.in-flight-lease=0s")
			.run(context -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("inFlightLease"));
	}

	@Configuration(proxyBeanMethods = false)
	static class RefusingStoreConfiguration {

		static final SendIdempotencyStore STORE = new SendIdempotencyStore() {

			@Override
			public Mono<String> putIfAbsent(String key, String value) {
				return Mono.just("garbage");
			}

			@Override
			public Mono<Void> put(String key, String value) {
				return Mono.empty();
			}

			@Override
			public Mono<Void> remove(String key) {
				return Mono.empty();
			}

		};

		@Bean
		SendIdempotencyStore store() {
			return STORE;
		}

	}

}
