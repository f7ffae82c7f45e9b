package io.github.springmailgun.boot.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.springmailgun.webhook.WebhookTokenStore.Claim;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.cache.Cache;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.concurrent.ConcurrentMapCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim, commit and release of {@link CacheWebhookTokenStore}, on the caches of two instances that
 * share one cache, with a clock the tests move.
 */
class CacheWebhookTokenStoreClaimTests {

	private static final Duration LEASE = Duration.ofSeconds(30);

	private static final Duration TTL = Duration.ofHours(9);

	private final MovingClock clock = new MovingClock();

	static List<Cache> caches() {
		return List.of(new ConcurrentMapCache("tokens"),
				new CaffeineCache("tokens", Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(10)).build()));
	}

	@ParameterizedTest
	@MethodSource("caches")
	void aClaimOnOneInstanceHoldsTheTokenOnTheOtherUntilCommitted(Cache cache) {
		CacheWebhookTokenStore first = new CacheWebhookTokenStore(cache, this.clock);
		CacheWebhookTokenStore second = new CacheWebhookTokenStore(cache, this.clock);
		assertThat(first.claim("a", LEASE, TTL)).isEqualTo(Claim.CLAIMED);
		assertThat(second.claim("a", LEASE, TTL)).isEqualTo(Claim.IN_PROGRESS);
		assertThat(second.isSeen("a")).isFalse();
		assertThat(first.commit("a", TTL)).isTrue();
		assertThat(cache.get("a", String.class)).isEqualTo("processed");
		assertThat(second.isSeen("a")).isTrue();
		assertThat(second.claim("a", LEASE, TTL)).isEqualTo(Claim.PROCESSED);
		// The value holds no lease: a committed token stays for the cache's time to live.
		this.clock.advance(Duration.ofHours(1));
		assertThat(second.claim("a", LEASE, TTL)).isEqualTo(Claim.PROCESSED);
	}

	@ParameterizedTest
	@MethodSource("caches")
	void aReleaseLetsTheOtherInstanceClaimAndOnlyTheHoldersReleaseEvicts(Cache cache) {
		CacheWebhookTokenStore first = new CacheWebhookTokenStore(cache, this.clock);
		CacheWebhookTokenStore second = new CacheWebhookTokenStore(cache, this.clock);
		first.claim("a", LEASE, TTL);
		// Not its claim: the other instance's release must leave it.
		second.release("a");
		assertThat(second.claim("a", LEASE, TTL)).isEqualTo(Claim.IN_PROGRESS);
		first.release("a");
		assertThat(second.claim("a", LEASE, TTL)).isEqualTo(Claim.CLAIMED);
		second.commit("a", TTL);
		second.release("a");
		assertThat(first.isSeen("a")).isTrue();
	}

	@ParameterizedTest
	@MethodSource("caches")
	void anExpiredLeaseIsTakenOverByOneInstanceOnly(Cache cache) {
		CacheWebhookTokenStore dead = new CacheWebhookTokenStore(cache, this.clock);
		CacheWebhookTokenStore second = new CacheWebhookTokenStore(cache, this.clock);
		CacheWebhookTokenStore third = new CacheWebhookTokenStore(cache, this.clock);
		dead.claim("a", LEASE, TTL);
		this.clock.advance(LEASE.minusMillis(1));
		assertThat(second.claim("a", LEASE, TTL)).isEqualTo(Claim.IN_PROGRESS);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(second.claim("a", LEASE, TTL)).isEqualTo(Claim.CLAIMED);
		assertThat(third.claim("a", LEASE, TTL)).isEqualTo(Claim.IN_PROGRESS);
		// The dead instance's release (it comes back) leaves the new claim alone.
		dead.release("a");
		assertThat(third.claim("a", LEASE, TTL)).isEqualTo(Claim.IN_PROGRESS);
		assertThat(second.commit("a", TTL)).isTrue();
		assertThat(third.claim("a", LEASE, TTL)).isEqualTo(Claim.PROCESSED);
	}

	@ParameterizedTest
	@MethodSource("caches")
	void ofManyConcurrentTakeoversOfAnExpiredClaimExactlyOneWins(Cache cache) throws Exception {
		new CacheWebhookTokenStore(cache, this.clock).claim("a", LEASE, TTL);
		this.clock.advance(LEASE.plusSeconds(1));
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<Claim>> claims = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				CacheWebhookTokenStore instance = new CacheWebhookTokenStore(cache, this.clock);
				claims.add(executor.submit(() -> instance.claim("a", LEASE, TTL)));
			}
			int wins = 0;
			for (Future<Claim> claim : claims) {
				wins += (claim.get() == Claim.CLAIMED) ? 1 : 0;
			}
			assertThat(wins).isEqualTo(1);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@ParameterizedTest
	@MethodSource("caches")
	void aValueOfAnOlderVersionReadsAsProcessed(Cache cache) {
		cache.put("a", Boolean.TRUE);
		CacheWebhookTokenStore store = new CacheWebhookTokenStore(cache, this.clock);
		assertThat(store.isSeen("a")).isTrue();
		assertThat(store.claim("a", LEASE, TTL)).isEqualTo(Claim.PROCESSED);
		assertThat(store.markSeen("b", TTL)).isTrue();
		assertThat(cache.get("b", String.class)).isEqualTo("processed");
	}

	private static final class MovingClock extends Clock {

		private volatile Instant now = Instant.parse("2026-12-04T14:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
