package io.github.springmailgun.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InMemoryWebhookTokenStoreTests {

	private final MutableClock clock = MutableClock.at(1_700_000_000L);

	@Test
	void markSeenReturnsTrueOnlyTheFirstTime() {
		InMemoryWebhookTokenStore store = new InMemoryWebhookTokenStore(10, this.clock);
		assertThat(store.isSeen("a")).isFalse();
		assertThat(store.markSeen("a", Duration.ofMinutes(1))).isTrue();
		assertThat(store.isSeen("a")).isTrue();
		assertThat(store.markSeen("a", Duration.ofMinutes(1))).isFalse();
		assertThat(store.isSeen("b")).isFalse();
		assertThat(store.size()).isEqualTo(1);
	}

	@Test
	void aClaimBlocksOtherClaimsUntilCommittedThenTheTokenIsProcessed() {
		InMemoryWebhookTokenStore store = new InMemoryWebhookTokenStore(10, this.clock);
		assertThat(store.claim("a", Duration.ofMinutes(1), Duration.ofHours(9))).isEqualTo(WebhookTokenStore.Claim.CLAIMED);
		assertThat(store.claim("a", Duration.ofMinutes(1), Duration.ofHours(9)))
			.isEqualTo(WebhookTokenStore.Claim.IN_PROGRESS);
		// A claim is not a processed token: verify() must not call it a replay.
		assertThat(store.isSeen("a")).isFalse();
		assertThat(store.markSeen("a", Duration.ofHours(9))).isFalse();
		assertThat(store.commit("a", Duration.ofHours(9))).isTrue();
		assertThat(store.isSeen("a")).isTrue();
		assertThat(store.claim("a", Duration.ofMinutes(1), Duration.ofHours(9))).isEqualTo(WebhookTokenStore.Claim.PROCESSED);
		assertThat(store.commit("a", Duration.ofHours(9))).isFalse();
		// The commit holds for its time to live, not the lease.
		this.clock.advance(Duration.ofHours(1));
		assertThat(store.isSeen("a")).isTrue();
		assertThat(store.size()).isEqualTo(1);
	}

	@Test
	void aReleasedClaimLetsTheNextClaimThroughAndAReleaseLeavesAProcessedTokenAlone() {
		InMemoryWebhookTokenStore store = new InMemoryWebhookTokenStore(10, this.clock);
		store.claim("a", Duration.ofMinutes(1), Duration.ofHours(9));
		store.release("a");
		assertThat(store.claim("a", Duration.ofMinutes(1), Duration.ofHours(9))).isEqualTo(WebhookTokenStore.Claim.CLAIMED);
		store.commit("a", Duration.ofHours(9));
		store.release("a");
		assertThat(store.isSeen("a")).isTrue();
	}

	@Test
	void anExpiredLeaseIsTakenOver() {
		InMemoryWebhookTokenStore store = new InMemoryWebhookTokenStore(10, this.clock);
		store.claim("a", Duration.ofSeconds(30), Duration.ofHours(9));
		this.clock.advance(Duration.ofSeconds(30).minusNanos(1));
		assertThat(store.claim("a", Duration.ofSeconds(30), Duration.ofHours(9)))
			.isEqualTo(WebhookTokenStore.Claim.IN_PROGRESS);
		this.clock.advance(Duration.ofNanos(1));
		assertThat(store.claim("a", Duration.ofSeconds(30), Duration.ofHours(9))).isEqualTo(WebhookTokenStore.Claim.CLAIMED);
		assertThat(store.commit("a", Duration.ofHours(9))).isTrue();
		// The committed entry outlives the lease's place in the expiry queue.
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(store.isSeen("a")).isTrue();
	}

	@Test
	void exactlyOneOfManyConcurrentClaimsWins() throws Exception {
		InMemoryWebhookTokenStore store = new InMemoryWebhookTokenStore(10, this.clock);
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<WebhookTokenStore.Claim>> claims = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				claims.add(executor.submit(() -> store.claim("a", Duration.ofMinutes(1), Duration.ofHours(9))));
			}
			int wins = 0;
			for (Future<WebhookTokenStore.Claim> claim : claims) {
				wins += (claim.get() == WebhookTokenStore.Claim.CLAIMED) ? 1 : 0;
			}
			assertThat(wins).isEqualTo(1);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aStoreThatDoesNotOverrideTheClaimKeepsAtLeastOnce() {
		InMemoryWebhookTokenStore backing = new InMemoryWebhookTokenStore(10, this.clock);
		WebhookTokenStore legacy = new WebhookTokenStore() {
			@Override
			public boolean isSeen(String token) {
				return backing.isSeen(token);
			}

			@Override
			public boolean markSeen(String token, Duration ttl) {
				return backing.markSeen(token, ttl);
			}
		};
		assertThat(legacy.claim("a", Duration.ofMinutes(1), Duration.ofHours(9))).isEqualTo(WebhookTokenStore.Claim.CLAIMED);
		assertThat(legacy.claim("a", Duration.ofMinutes(1), Duration.ofHours(9))).isEqualTo(WebhookTokenStore.Claim.CLAIMED);
		legacy.release("a");
		assertThat(legacy.commit("a", Duration.ofHours(9))).isTrue();
		assertThat(legacy.claim("a", Duration.ofMinutes(1), Duration.ofHours(9))).isEqualTo(WebhookTokenStore.Claim.PROCESSED);
	}

	@Test
	void entriesExpireAfterTheirTtl() {
		InMemoryWebhookTokenStore store = new InMemoryWebhookTokenStore(10, this.clock);
		store.markSeen("a", Duration.ofMinutes(10));
		this.clock.advance(Duration.ofMinutes(10).minusNanos(1));
		assertThat(store.isSeen("a")).isTrue();
		this.clock.advance(Duration.ofNanos(1));
		assertThat(store.isSeen("a")).isFalse();
		assertThat(store.size()).isZero();
		assertThat(store.markSeen("a", Duration.ofMinutes(10))).isTrue();
	}

	@Test
	void fullStoreRemovesExpiredEntriesBeforeLiveOnes() {
		InMemoryWebhookTokenStore store = new InMemoryWebhookTokenStore(3, this.clock);
		store.markSeen("old-but-long", Duration.ofHours(1));
		store.markSeen("short", Duration.ofMinutes(1));
		store.markSeen("third", Duration.ofHours(1));
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(store.markSeen("fourth", Duration.ofHours(1))).isTrue();
		assertThat(store.size()).isEqualTo(3);
		assertThat(store.isSeen("old-but-long")).isTrue();
		assertThat(store.isSeen("third")).isTrue();
		assertThat(store.isSeen("fourth")).isTrue();
		assertThat(store.isSeen("short")).isFalse();
	}

	@Test
	void fullStoreWithoutExpiredEntriesDropsTheOneClosestToExpiry() {
		InMemoryWebhookTokenStore store = new InMemoryWebhookTokenStore(3, this.clock);
		store.markSeen("a", Duration.ofMinutes(10));
		store.markSeen("b", Duration.ofMinutes(5));
		store.markSeen("c", Duration.ofMinutes(20));
		assertThat(store.markSeen("d", Duration.ofMinutes(15))).isTrue();
		assertThat(store.size()).isEqualTo(3);
		assertThat(store.isSeen("b")).isFalse();
		assertThat(store.isSeen("a")).isTrue();
		assertThat(store.isSeen("c")).isTrue();
		assertThat(store.isSeen("d")).isTrue();
	}

	@Test
	void forgettingALiveTokenIsWarnedOnceWithTheRateTheStoreHolds() {
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		Logger logger = (Logger) LoggerFactory.getLogger(InMemoryWebhookTokenStore.class);
		appender.start();
		logger.addAppender(appender);
		try {
			InMemoryWebhookTokenStore store = new InMemoryWebhookTokenStore(3_600, this.clock);
			for (int i = 0; i < 3_600; i++) {
				store.markSeen("token-" + i, Duration.ofHours(1));
				this.clock.advance(Duration.ofMillis(500));
			}
			assertThat(appender.list).isEmpty();
			assertThat(store.evictedLiveTokens()).isZero();

			// Two webhooks a second for an hour: past the 3,600 tokens an hour the store holds.
			store.markSeen("token-3600", Duration.ofHours(1));
			store.markSeen("token-3601", Duration.ofHours(1));

			assertThat(store.evictedLiveTokens()).isEqualTo(2);
			assertThat(store.isSeen("token-0")).isFalse();
			assertThat(appender.list).singleElement().satisfies(event -> {
				assertThat(event.getLevel()).isEqualTo(Level.WARN);
				assertThat(event.getFormattedMessage()).contains("replay", "3600 tokens per PT1H",
						"1.00 webhooks a second");
			});
		}
		finally {
			logger.detachAppender(appender);
		}
	}

	@Test
	void sizeNeverExceedsTheBound() {
		InMemoryWebhookTokenStore store = new InMemoryWebhookTokenStore(100, this.clock);
		for (int i = 0; i < 10_000; i++) {
			assertThat(store.markSeen("token-" + i, Duration.ofHours(9))).isTrue();
			assertThat(store.size()).isLessThanOrEqualTo(100);
		}
		assertThat(store.size()).isEqualTo(100);
		assertThat(store.isSeen("token-9999")).isTrue();
		assertThat(store.maxEntries()).isEqualTo(100);
	}

	@Test
	void defaultStoreIsBounded() {
		assertThat(new InMemoryWebhookTokenStore().maxEntries())
			.isEqualTo(InMemoryWebhookTokenStore.DEFAULT_MAX_ENTRIES)
			.isPositive();
	}

	@Test
	void hugeTtlDoesNotOverflow() {
		InMemoryWebhookTokenStore store = new InMemoryWebhookTokenStore(10, this.clock);
		assertThat(store.markSeen("a", Duration.ofSeconds(Long.MAX_VALUE))).isTrue();
		this.clock.advance(Duration.ofDays(365 * 100));
		assertThat(store.isSeen("a")).isTrue();
	}

	@Test
	void rejectsInvalidArguments() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryWebhookTokenStore(0, this.clock));
		InMemoryWebhookTokenStore store = new InMemoryWebhookTokenStore(10, this.clock);
		assertThatIllegalArgumentException().isThrownBy(() -> store.markSeen("a", Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> store.markSeen("a", Duration.ofSeconds(-1)));
		assertThat(store.size()).isZero();
	}

	@Test
	void exactlyOneOfManyConcurrentCallsMarksAToken() throws Exception {
		InMemoryWebhookTokenStore store = new InMemoryWebhookTokenStore(10_000, this.clock);
		int threads = 8;
		int rounds = 2_000;
		AtomicIntegerArray wins = new AtomicIntegerArray(rounds);
		// Every round starts all threads on the same token at once, to make the race as likely as it gets.
		CyclicBarrier barrier = new CyclicBarrier(threads);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(executor.submit(() -> {
					for (int round = 0; round < rounds; round++) {
						barrier.await(30, TimeUnit.SECONDS);
						if (store.markSeen("token-" + round, Duration.ofHours(1))) {
							wins.incrementAndGet(round);
						}
					}
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		for (int round = 0; round < rounds; round++) {
			assertThat(wins.get(round)).as("winners of token-%d", round).isEqualTo(1);
		}
		assertThat(store.size()).isEqualTo(rounds);
	}

}
