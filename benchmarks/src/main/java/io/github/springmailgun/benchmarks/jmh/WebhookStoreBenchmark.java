package io.github.springmailgun.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.springmailgun.boot.webhook.CacheWebhookTokenStore;
import io.github.springmailgun.boot.webhook.MailgunWebhookHandler;
import io.github.springmailgun.webhook.InMemoryWebhookTokenStore;
import io.github.springmailgun.webhook.WebhookPayloadParser;
import io.github.springmailgun.webhook.WebhookSignatureVerifier;
import io.github.springmailgun.webhook.WebhookTokenStore;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.HttpStatus;

/**
 * Webhooks a second that one instance's {@link MailgunWebhookHandler} takes, each a signed body with a
 * token of its own, with the token store in memory against Spring Data Redis' cache on a real Redis
 * server ({@code -Dmailgun.bench.redis.port}, 6379 by default): the cost of exactly-once across
 * instances (the claim's {@code SET NX} and the commit's {@code SET}). The handler is driven
 * directly, without HTTP, whose cost is the same for both stores; signing the body is part of each
 * operation, also the same for both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class WebhookStoreBenchmark {

	private static final String SIGNING_KEY = "benchmark-webhook-signing-key";

	@Param({ "memory", "redis" })
	public String store;

	private final AtomicLong tokens = new AtomicLong();

	private final SecretKeySpec key = new SecretKeySpec(SIGNING_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256");

	private @Nullable LettuceConnectionFactory connectionFactory;

	@SuppressWarnings("NullAway.Init")
	private MailgunWebhookHandler handler;

	@Setup
	public void setUp() {
		WebhookTokenStore tokenStore;
		if ("redis".equals(this.store)) {
			LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1",
					Integer.getInteger("mailgun.bench.redis.port", 6379)));
			factory.afterPropertiesSet();
			factory.start();
			this.connectionFactory = factory;
			RedisCacheManager manager = RedisCacheManager.builder(factory)
				.cacheDefaults(RedisCacheConfiguration.defaultCacheConfig()
					.entryTtl(Duration.ofHours(10))
					.prefixCacheNameWith("mailgun-bench:" + System.nanoTime() + ":"))
				.build();
			manager.afterPropertiesSet();
			tokenStore = new CacheWebhookTokenStore(manager.getCache("mailgun-webhook-tokens"));
		}
		else {
			// Large enough that the flood of distinct tokens does not evict live ones.
			tokenStore = new InMemoryWebhookTokenStore(10_000_000, java.time.Clock.systemUTC());
		}
		WebhookSignatureVerifier verifier = WebhookSignatureVerifier.builder(SIGNING_KEY).tokenStore(tokenStore).build();
		this.handler = new MailgunWebhookHandler(verifier, new WebhookPayloadParser(), (event) -> {
		});
	}

	@TearDown
	public void tearDown() {
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
		}
	}

	@Benchmark
	public HttpStatus webhook() {
		String token = "bench-token-" + this.tokens.incrementAndGet();
		String timestamp = Long.toString(System.currentTimeMillis() / 1000);
		String body = "{\"signature\":{\"timestamp\":\"" + timestamp + "\",\"token\":\"" + token
				+ "\",\"signature\":\"" + sign(timestamp + token) + "\"},\"event-data\":{\"event\":\"delivered\","
				+ "\"id\":\"" + token + "\",\"timestamp\":" + timestamp + ",\"recipient\":\"john@example.com\"}}";
		HttpStatus status = this.handler.handle(body.getBytes(StandardCharsets.UTF_8), "application/json");
		if (status != HttpStatus.OK) {
			throw new IllegalStateException("Webhook answered " + status);
		}
		return status;
	}

	private String sign(String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
