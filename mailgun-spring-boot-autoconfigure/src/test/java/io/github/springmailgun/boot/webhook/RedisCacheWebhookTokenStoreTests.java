package io.github.springmailgun.boot.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.springmailgun.autoconfigure.redis.EnabledIfRedisServer;
import io.github.springmailgun.autoconfigure.redis.RedisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CacheWebhookTokenStore} on Spring Data Redis' cache and a real Redis server, as two instances see
 * it: each has its own connection factory and cache manager on the same server.
 */
@EnabledIfRedisServer
class RedisCacheWebhookTokenStoreTests {

	private static final Duration CACHE_TTL = Duration.ofHours(10);

	private final String prefix = RedisTestServer.uniquePrefix("token-store");

	private final List<LettuceConnectionFactory> factories = new ArrayList<>();

	private CacheWebhookTokenStore first;

	private CacheWebhookTokenStore second;

	@BeforeEach
	void twoInstances() {
		this.first = new CacheWebhookTokenStore(cache());
		this.second = new CacheWebhookTokenStore(cache());
	}

	@AfterEach
	void close() {
		this.factories.forEach(LettuceConnectionFactory::destroy);
	}

	@Test
	void aTokenMarkedByOneInstanceIsSeenByTheOtherAndKeptForTheCachesTimeToLive() {
		assertThat(this.first.markSeen("token-a", Duration.ofHours(9))).isTrue();
		assertThat(this.second.isSeen("token-a")).isTrue();
		assertThat(this.second.markSeen("token-a", Duration.ofHours(9))).isFalse();
		// The 9 h window is the cache's time to live, read from Redis rather than waited for.
		long pttl = pttl(this.prefix + "mailgun-webhook-tokens::token-a");
		assertThat(Duration.ofMillis(pttl)).isBetween(CACHE_TTL.minusMinutes(1), CACHE_TTL);
	}

	@Test
	void ofManyConcurrentMarksOnTwoInstancesExactlyOneWins() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(16);
		try {
			List<Callable<Boolean>> marks = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				CacheWebhookTokenStore store = (i % 2 == 0) ? this.first : this.second;
				marks.add(() -> store.markSeen("token-b", Duration.ofHours(9)));
			}
			int wins = 0;
			for (Future<Boolean> mark : executor.invokeAll(marks)) {
				wins += mark.get() ? 1 : 0;
			}
			assertThat(wins).isEqualTo(1);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private Cache cache() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(RedisTestServer.host(), RedisTestServer.port()));
		factory.afterPropertiesSet();
		factory.start();
		this.factories.add(factory);
		RedisCacheManager manager = RedisCacheManager.builder(factory)
			.cacheDefaults(RedisCacheConfiguration.defaultCacheConfig().entryTtl(CACHE_TTL).prefixCacheNameWith(this.prefix))
			.build();
		manager.afterPropertiesSet();
		return manager.getCache("mailgun-webhook-tokens");
	}

	private long pttl(String key) {
		try (RedisConnection connection = this.factories.get(0).getConnection()) {
			return connection.keyCommands().pTtl(key.getBytes(StandardCharsets.UTF_8));
		}
	}

}
