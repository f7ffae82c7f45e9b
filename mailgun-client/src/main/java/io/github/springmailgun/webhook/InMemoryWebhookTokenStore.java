package io.github.springmailgun.webhook;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A {@link WebhookTokenStore} in this JVM's memory, for an application that receives webhooks on a single
 * instance. It holds at most {@link #maxEntries()} tokens: expired entries go first, and when it is still
 * full the entry closest to its expiry makes room, so memory stays bounded even under a flood of valid
 * requests (about 200 bytes an entry). Several instances behind a load balancer need a shared store.
 *
 * <p>
 * Thread-safe; {@link #markSeen} is atomic.
 */
public final class InMemoryWebhookTokenStore implements WebhookTokenStore {

	/** Default maximum number of remembered tokens. */
	public static final int DEFAULT_MAX_ENTRIES = 100_000;

	private final int maxEntries;

	private final Clock clock;

	// Both guarded by "this" and always holding the same entries.
	private final Map<String, Entry> entries = new HashMap<>();

	private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>(Comparator.comparing(Entry::expiry));

	/**
	 * Creates a store of {@link #DEFAULT_MAX_ENTRIES} tokens on the system clock.
	 */
	public InMemoryWebhookTokenStore() {
		this(DEFAULT_MAX_ENTRIES, Clock.systemUTC());
	}

	/**
	 * Creates a store of at most the given number of tokens.
	 * @param maxEntries the bound, at least 1
	 * @param clock the clock that expires entries
	 */
	public InMemoryWebhookTokenStore(int maxEntries, Clock clock) {
		if (maxEntries < 1) {
			throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
		}
		this.maxEntries = maxEntries;
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public synchronized boolean isSeen(String token) {
		Objects.requireNonNull(token, "token");
		removeExpired(this.clock.instant());
		return this.entries.containsKey(token);
	}

	@Override
	public synchronized boolean markSeen(String token, Duration ttl) {
		Objects.requireNonNull(token, "token");
		Objects.requireNonNull(ttl, "ttl");
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("ttl must be positive, was " + ttl);
		}
		Instant now = this.clock.instant();
		removeExpired(now);
		if (this.entries.containsKey(token)) {
			return false;
		}
		// Full of unexpired entries: the one closest to its expiry makes room.
		while (this.entries.size() >= this.maxEntries) {
			this.entries.remove(this.byExpiry.remove().token());
		}
		Entry entry = new Entry(token, expiry(now, ttl));
		this.entries.put(token, entry);
		this.byExpiry.add(entry);
		return true;
	}

	/**
	 * Returns how many tokens are remembered, counting expired ones not yet removed.
	 * @return the number of entries
	 */
	public synchronized int size() {
		return this.entries.size();
	}

	/**
	 * Returns the maximum number of remembered tokens.
	 * @return the bound
	 */
	public int maxEntries() {
		return this.maxEntries;
	}

	/**
	 * Returns a summary with the bound and the current size, without the tokens.
	 * @return the summary
	 */
	@Override
	public String toString() {
		return "InMemoryWebhookTokenStore[maxEntries=" + this.maxEntries + ", size=" + size() + "]";
	}

	private void removeExpired(Instant now) {
		while (!this.byExpiry.isEmpty() && !this.byExpiry.element().expiry().isAfter(now)) {
			this.entries.remove(this.byExpiry.remove().token());
		}
	}

	private static Instant expiry(Instant now, Duration ttl) {
		try {
			return now.plus(ttl);
		}
		catch (ArithmeticException | DateTimeException ex) {
			return Instant.MAX;
		}
	}

	private record Entry(String token, Instant expiry) {
	}

}
