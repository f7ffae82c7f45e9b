package io.github.springmailgun.boot.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.Cache;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.cache.support.AbstractValueAdaptingCache;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class CacheWebhookTokenStoreTests {

	private static final Duration TTL = Duration.ofHours(9).plusMinutes(5).plusSeconds(1);

	@Test
	void marksOnceAndRemembers() {
		CacheWebhookTokenStore store = new CacheWebhookTokenStore(new ConcurrentMapCache("tokens"));

		assertThat(store.isSeen("t1")).isFalse();
		assertThat(store.markSeen("t1", TTL)).isTrue();
		assertThat(store.isSeen("t1")).isTrue();
		assertThat(store.markSeen("t1", TTL)).isFalse();
		assertThat(store.isSeen("t2")).isFalse();
		assertThat(store).hasToString("CacheWebhookTokenStore[cache=tokens]");
	}

	@Test
	void exactlyOneOfConcurrentMarksWins() throws Exception {
		CacheWebhookTokenStore store = new CacheWebhookTokenStore(
				new CaffeineCache("tokens", Caffeine.newBuilder().expireAfterWrite(TTL).build()));
		int threads = 8;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			for (int round = 0; round < 50; round++) {
				String token = "token-" + round;
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Boolean>> results = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					results.add(executor.submit(() -> {
						start.await();
						return store.markSeen(token, TTL);
					}));
				}
				start.countDown();
				int wins = 0;
				for (Future<Boolean> result : results) {
					wins += result.get() ? 1 : 0;
				}
				assertThat(wins).as(token).isEqualTo(1);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void warnsOnceWhenACaffeineCacheExpiresTokensTooEarly(CapturedOutput output) {
		CacheWebhookTokenStore store = new CacheWebhookTokenStore(
				new CaffeineCache("tokens", Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).build()));

		store.markSeen("t1", TTL);
		store.markSeen("t2", TTL);

		assertThat(output.toString().split("expires entries after PT1H", -1)).hasSize(2);
	}

	@Test
	void warnsWhenACaffeineCacheIsBoundedBySize(CapturedOutput output) {
		// Size-based eviction forgets live tokens silently; only the bound can be seen, so say what it holds.
		CacheWebhookTokenStore store = new CacheWebhookTokenStore(new CaffeineCache("tokens",
				Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(10)).maximumSize(1_000).build()));

		store.markSeen("t1", TTL);
		store.markSeen("t2", TTL);

		assertThat(output).contains("WARN", "at most 1000 entries", "0.03 webhooks a second", "replay");
		assertThat(output.toString().split("at most 1000 entries", -1)).hasSize(2);
	}

	@Test
	void staysQuietWhenACaffeineCacheKeepsTokensLongEnough(CapturedOutput output) {
		CacheWebhookTokenStore store = new CacheWebhookTokenStore(
				new CaffeineCache("tokens", Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(10)).build()));

		store.markSeen("t1", TTL);

		assertThat(output).doesNotContain("tokens'");
	}

	@Test
	void warnsThatAConcurrentMapCacheNeverExpires(CapturedOutput output) {
		new CacheWebhookTokenStore(new ConcurrentMapCache("tokens")).markSeen("t1", TTL);

		assertThat(output).contains("WARN", "never expires entries");
	}

	@Test
	void saysAtInfoWhenTheTimeToLiveCannotBeChecked(CapturedOutput output) {
		new CacheWebhookTokenStore(new OpaqueCache()).markSeen("t1", TTL);

		assertThat(output).contains("INFO", "must keep entries at least PT9H5M1S");
	}

	/**
	 * A cache whose provider this store knows nothing about, as a Redis or Hazelcast one.
	 */
	static final class OpaqueCache extends AbstractValueAdaptingCache {

		private final ConcurrentMapCache delegate = new ConcurrentMapCache("opaque");

		OpaqueCache() {
			super(false);
		}

		@Override
		public String getName() {
			return "opaque";
		}

		@Override
		public Object getNativeCache() {
			return this;
		}

		@Override
		protected Object lookup(Object key) {
			Cache.ValueWrapper value = this.delegate.get(key);
			return (value != null) ? value.get() : null;
		}

		@Override
		public <T> T get(Object key, java.util.concurrent.Callable<T> valueLoader) {
			return this.delegate.get(key, valueLoader);
		}

		@Override
		public void put(Object key, Object value) {
			this.delegate.put(key, value);
		}

		@Override
		public ValueWrapper putIfAbsent(Object key, Object value) {
			return this.delegate.putIfAbsent(key, value);
		}

		@Override
		public void evict(Object key) {
			this.delegate.evict(key);
		}

		@Override
		public void clear() {
			this.delegate.clear();
		}

	}

}
