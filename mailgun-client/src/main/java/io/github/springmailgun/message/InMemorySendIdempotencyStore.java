package io.github.springmailgun.message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

/**
 * A {@link SendIdempotencyStore} in this JVM's memory: it protects one instance only (its own retries and
 * redelivered jobs), not several instances behind a load balancer. Entries live for a time to live
 * (24 hours unless told) and are dropped when found expired and on every thousandth write.
 */
public class InMemorySendIdempotencyStore implements SendIdempotencyStore {

	/** How long an entry lives unless told otherwise. */
	public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofHours(24);

	private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

	private final Duration timeToLive;

	private final Clock clock;

	private final AtomicInteger writes = new AtomicInteger();

	/**
	 * Creates a store whose entries live 24 hours.
	 */
	public InMemorySendIdempotencyStore() {
		this(DEFAULT_TIME_TO_LIVE, Clock.systemUTC());
	}

	/**
	 * Creates a store whose entries live for the given time.
	 * @param timeToLive how long an entry lives after it was written
	 * @param clock the clock that tells when
	 */
	public InMemorySendIdempotencyStore(Duration timeToLive, Clock clock) {
		this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public Mono<String> putIfAbsent(String key, String value) {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			Entry fresh = new Entry(value, now.plus(this.timeToLive));
			Entry kept = this.entries.compute(key, (k, old) -> (old == null || old.isExpired(now)) ? fresh : old);
			purgeNow(now);
			return (kept == fresh) ? Mono.empty() : Mono.just(kept.value());
		});
	}

	@Override
	public Mono<Void> put(String key, String value) {
		return Mono.fromRunnable(() -> {
			Instant now = this.clock.instant();
			this.entries.put(key, new Entry(value, now.plus(this.timeToLive)));
			purgeNow(now);
		});
	}

	@Override
	public Mono<Void> remove(String key) {
		return Mono.fromRunnable(() -> this.entries.remove(key));
	}

	/**
	 * Returns the number of entries held, expired ones not yet dropped included.
	 * @return the number of entries
	 */
	public int size() {
		return this.entries.size();
	}

	private void purgeNow(Instant now) {
		if (this.writes.incrementAndGet() % 1000 == 0) {
			this.entries.values().removeIf(entry -> entry.isExpired(now));
		}
	}

	private record Entry(String value, Instant expiresAt) {

		boolean isExpired(Instant now) {
			return !now.isBefore(this.expiresAt);
		}

	}

}
