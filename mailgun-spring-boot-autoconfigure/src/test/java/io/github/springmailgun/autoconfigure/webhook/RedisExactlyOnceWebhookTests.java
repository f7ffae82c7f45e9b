package io.github.springmailgun.autoconfigure.webhook;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.springmailgun.autoconfigure.redis.EnabledIfRedisServer;
import io.github.springmailgun.autoconfigure.redis.RedisTestServer;
import io.github.springmailgun.autoconfigure.webhookapp.ReactiveWebhookApplication;
import io.github.springmailgun.webhook.MailgunWebhookEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static io.github.springmailgun.autoconfigure.webhook.SignedWebhooks.SIGNING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of a WebFlux application, each its own Spring Boot application context with Spring Data
 * Redis' cache manager, receiving the same webhooks through one real Redis server: each event is
 * processed exactly once, a failed or abandoned delivery is retried on the other instance, and an
 * unreachable Redis is answered 5xx.
 */
@EnabledIfRedisServer
class RedisExactlyOnceWebhookTests {

	private static final Duration LEASE = Duration.ofSeconds(1);

	private final String prefix = RedisTestServer.uniquePrefix("exactly-once");

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final CountDownLatch finishBlockedListeners = new CountDownLatch(1);

	@AfterEach
	void close() {
		this.finishBlockedListeners.countDown();
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void theSamePayloadPostedToBothAtOnceIsProcessedOnceAndItsTokenKeptForTheCachesTimeToLive() throws Exception {
		ConfigurableApplicationContext first = instance(RedisTestServer.port());
		ConfigurableApplicationContext second = instance(RedisTestServer.port());
		// Long enough for the two requests to overlap.
		listener(first).pause = Duration.ofMillis(300);
		listener(second).pause = Duration.ofMillis(300);
		String token = SignedWebhooks.token();
		String body = SignedWebhooks.json("delivered.json", SIGNING_KEY, token);

		CompletableFuture<Integer> toFirst = CompletableFuture.supplyAsync(() -> post(first, body));
		CompletableFuture<Integer> toSecond = CompletableFuture.supplyAsync(() -> post(second, body));
		List<Integer> statuses = List.of(toFirst.get(30, TimeUnit.SECONDS), toSecond.get(30, TimeUnit.SECONDS));

		assertThat(statuses).containsOnlyOnce(200).containsAnyOf(406, 503);
		assertThat(listener(first).events.size() + listener(second).events.size()).isEqualTo(1);
		assertThat(post(first, body)).isEqualTo(406);
		assertThat(post(second, body)).isEqualTo(406);
		// The 9 h window is the cache's time to live (spring.cache.redis.time-to-live), read, not waited for.
		assertThat(pttl(first, token)).isBetween(Duration.ofHours(10).minusMinutes(1), Duration.ofHours(10));
	}

	@Test
	void aListenerFailureOnOneInstanceLetsTheRetryThroughOnTheOther() {
		ConfigurableApplicationContext first = instance(RedisTestServer.port());
		ConfigurableApplicationContext second = instance(RedisTestServer.port());
		listener(first).failing = true;
		String body = SignedWebhooks.json("delivered.json", SIGNING_KEY, SignedWebhooks.token());

		assertThat(post(first, body)).isEqualTo(500);
		// Released at once: the retry does not wait for the lease.
		assertThat(post(second, body)).isEqualTo(200);
		assertThat(listener(second).events).hasSize(1);
		assertThat(post(first, body)).isEqualTo(406);
		assertThat(listener(first).events).isEmpty();
	}

	@Test
	void anInstanceThatDiesMidListenerLetsTheRetryThroughOnTheOtherAfterTheLease() throws Exception {
		ConfigurableApplicationContext doomed = instance(RedisTestServer.port());
		ConfigurableApplicationContext survivor = instance(RedisTestServer.port());
		RecordingListener dying = listener(doomed);
		dying.block = true;
		String body = SignedWebhooks.json("delivered.json", SIGNING_KEY, SignedWebhooks.token());

		CompletableFuture<Integer> neverAnswered = CompletableFuture.supplyAsync(() -> post(doomed, body));
		assertThat(dying.entered.await(30, TimeUnit.SECONDS)).isTrue();
		// Dead as far as the claim can tell: it never commits nor releases. (Closing its context would also
		// stop the survivor's server: both share Reactor Netty's global resources in this JVM.)
		long closedAt = System.nanoTime();
		// The dead instance's claim holds until its lease ends: Mailgun's retry before then is told to retry.
		assertThat(post(survivor, body)).isEqualTo(503);
		long sinceClose = System.nanoTime() - closedAt;
		Thread.sleep(Math.max(0, LEASE.toMillis() - TimeUnit.NANOSECONDS.toMillis(sinceClose)) + 200);
		assertThat(post(survivor, body)).isEqualTo(200);
		assertThat(listener(survivor).events).hasSize(1);
		assertThat(post(survivor, body)).isEqualTo(406);
		assertThat(neverAnswered).isNotCompleted();
	}

	@Test
	void redisUnreachableBeforeTheListenersIsAnswered503() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		ConfigurableApplicationContext cut = instance(closedPort);
		String body = SignedWebhooks.json("delivered.json", SIGNING_KEY, SignedWebhooks.token());

		assertThat(post(cut, body)).isEqualTo(503);
		assertThat(listener(cut).events).isEmpty();
	}

	private ConfigurableApplicationContext instance(int redisPort) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ReactiveWebhookApplication.class,
				RedisInstance.class)
			.properties("spring.main.web-application-type=reactive", "server.port=0", "server.shutdown=immediate",
					"mailgun.webhooks.signing-key=" + SIGNING_KEY, "mailgun.webhooks.claim-lease=" + LEASE.toMillis() + "ms",
					"spring.cache.type=redis", "spring.cache.cache-names=mailgun-webhook-tokens",
					"spring.cache.redis.time-to-live=10h", "spring.cache.redis.key-prefix=" + this.prefix,
					"spring.data.redis.host=" + RedisTestServer.host(), "spring.data.redis.port=" + redisPort,
					"spring.data.redis.timeout=2s", "spring.data.redis.connect-timeout=2s")
			.run();
		listener(context).finish = this.finishBlockedListeners;
		this.contexts.add(context);
		return context;
	}

	private static RecordingListener listener(ConfigurableApplicationContext context) {
		return context.getBean(RecordingListener.class);
	}

	private int post(ConfigurableApplicationContext context, String body) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mailgun/webhooks"))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private Duration pttl(ConfigurableApplicationContext context, String token) {
		String key = this.prefix + "mailgun-webhook-tokens::" + token;
		try (RedisConnection connection = context.getBean(RedisConnectionFactory.class).getConnection()) {
			return Duration.ofMillis(connection.keyCommands().pTtl(key.getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class RedisInstance {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

	}

	/**
	 * Records events, and fails, pauses or blocks (as on an instance that dies mid-listener) while told to.
	 */
	static class RecordingListener {

		final List<MailgunWebhookEvent> events = new CopyOnWriteArrayList<>();

		final CountDownLatch entered = new CountDownLatch(1);

		volatile CountDownLatch finish = new CountDownLatch(0);

		volatile boolean failing;

		volatile boolean block;

		volatile Duration pause = Duration.ZERO;

		@EventListener
		void on(MailgunWebhookEvent event) throws InterruptedException {
			this.entered.countDown();
			if (this.block) {
				this.finish.await();
				throw new IllegalStateException("The instance died");
			}
			Thread.sleep(this.pause.toMillis());
			if (this.failing) {
				throw new IllegalStateException("Database is down");
			}
			this.events.add(event);
		}

	}

}
