package io.github.springmailgun.boot.message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.autoconfigure.MailgunAutoConfiguration;
import io.github.springmailgun.autoconfigure.redis.EnabledIfRedisServer;
import io.github.springmailgun.autoconfigure.redis.RedisTestServer;
import io.github.springmailgun.error.MailgunIdempotencyException;
import io.github.springmailgun.error.MailgunIdempotencyException.Reason;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendIdempotencyStore;
import io.github.springmailgun.message.SendResponse;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Send idempotency across two instances: two application contexts with Spring Boot's Redis cache manager
 * on one real Redis server, sending to one loopback Mailgun that counts requests.
 */
@EnabledIfRedisServer
class RedisSendIdempotencyTests {

	private static final String ACCEPTED = "{\"id\":\"<20261204.1.XYZ@mg.example.com>\",\"message\":\"Queued. Thank you.\"}";

	private final String prefix = RedisTestServer.uniquePrefix("send-idempotency");

	private final MockWebServer mailgun = new MockWebServer();

	private final AtomicInteger sends = new AtomicInteger();

	private volatile CountDownLatch answer = new CountDownLatch(0);

	@BeforeEach
	void start() throws Exception {
		this.mailgun.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				RedisSendIdempotencyTests.this.sends.incrementAndGet();
				RedisSendIdempotencyTests.this.answer.await(10, TimeUnit.SECONDS);
				return new MockResponse.Builder().code(200)
					.body(ACCEPTED)
					.addHeader("Content-Type", "application/json")
					.build();
			}

		});
		this.mailgun.start();
	}

	@AfterEach
	void stop() {
		this.mailgun.close();
	}

	@Test
	void aRepeatOnTheOtherInstanceReturnsTheFirstAnswerWithoutARequest() {
		instance().run(first -> instance().run(second -> {
			assertThat(first.getBean(SendIdempotencyStore.class)).isInstanceOf(CacheSendIdempotencyStore.class);
			SendResponse sent = first.getBean(MailgunOperations.class).send(message("order-1")).block(Duration.ofSeconds(10));
			SendResponse repeated = second.getBean(MailgunOperations.class)
				.send(message("order-1"))
				.block(Duration.ofSeconds(10));

			assertThat(repeated).isEqualTo(sent);
			assertThat(this.sends).hasValue(1);
			// How long a repeat is recognized is the cache's time to live, read from Redis.
			try (RedisConnection connection = first.getBean(RedisConnectionFactory.class).getConnection()) {
				long pttl = connection.keyCommands()
					.pTtl((this.prefix + "mailgun-send-idempotency::order-1").getBytes(StandardCharsets.UTF_8));
				assertThat(Duration.ofMillis(pttl)).isBetween(Duration.ofHours(24).minusMinutes(1), Duration.ofHours(24));
			}
		}));
	}

	@Test
	void whileOneInstanceSendsTheOtherIsToldItIsInFlight() {
		instance().run(first -> instance().run(second -> {
			this.answer = new CountDownLatch(1);
			CompletableFuture<SendResponse> sending = first.getBean(MailgunOperations.class)
				.send(message("order-2"))
				.toFuture();
			this.mailgun.takeRequest();

			assertThatThrownBy(() -> second.getBean(MailgunOperations.class).send(message("order-2")).block(Duration.ofSeconds(10)))
				.isInstanceOfSatisfying(MailgunIdempotencyException.class,
						ex -> assertThat(ex.getReason()).isEqualTo(Reason.IN_FLIGHT));
			this.answer.countDown();
			assertThat(sending.get(10, TimeUnit.SECONDS).id()).isEqualTo("<20261204.1.XYZ@mg.example.com>");
			assertThat(this.sends).hasValue(1);
		}));
	}

	@Test
	void ofTwoConcurrentSendsWithOneKeyExactlyOneReachesMailgun() {
		instance().run(first -> instance().run(second -> {
			MailgunOperations one = first.getBean(MailgunOperations.class);
			MailgunOperations two = second.getBean(MailgunOperations.class);
			int rounds = 20;
			for (int i = 0; i < rounds; i++) {
				List<CompletableFuture<SendResponse>> both = new ArrayList<>();
				both.add(one.send(message("race-" + i)).toFuture());
				both.add(two.send(message("race-" + i)).toFuture());
				int answered = 0;
				for (CompletableFuture<SendResponse> send : both) {
					try {
						assertThat(send.get(10, TimeUnit.SECONDS).id()).isEqualTo("<20261204.1.XYZ@mg.example.com>");
						answered++;
					}
					catch (ExecutionException ex) {
						assertThat(ex.getCause()).isInstanceOfSatisfying(MailgunIdempotencyException.class,
								refused -> assertThat(refused.getReason()).isEqualTo(Reason.IN_FLIGHT));
					}
				}
				assertThat(answered).isBetween(1, 2);
				assertThat(this.sends).hasValue(i + 1);
			}
		}));
	}

	private ApplicationContextRunner instance() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, CacheAutoConfiguration.class,
					MailgunAutoConfiguration.class))
			.withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("mailgun.api-key=key-test", "mailgun.domain=mg.example.com",
					"mailgun.base-url=" + this.mailgun.url("/").toString().replaceAll("/$", ""),
					"mailgun.retry.enabled=false", "spring.cache.type=redis",
					"spring.cache.cache-names=mailgun-send-idempotency", "spring.cache.redis.time-to-live=24h",
					"spring.cache.redis.key-prefix=" + this.prefix, "spring.data.redis.host=" + RedisTestServer.host(),
					"spring.data.redis.port=" + RedisTestServer.port());
	}

	private static MailgunMessage message(String key) {
		return MailgunMessage.builder()
			.from("shop@mg.example.com")
			.to("alice@example.com")
			.subject("Your order")
			.text("It ships today.")
			.idempotencyKey(key)
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

	}

}
