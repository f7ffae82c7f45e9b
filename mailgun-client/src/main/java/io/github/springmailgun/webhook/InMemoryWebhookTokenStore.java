package io.github.springmailgun.webhook;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A {@link WebhookTokenStore} in this JVM's memory, for an application that receives webhooks on a single
 * instance. It holds at most {@link #maxEntries()} tokens: expired entries go first, and when it is still
 * full the entry closest to its expiry makes room, so memory stays bounded even under a flood of valid
 * requests (about 200 bytes an entry). Several instances behind a load balancer need a shared store.
 *
 * <p>
 * A token forgotten before its time to live ended would let a replay of it through, so a store that
 * receives more than {@code maxEntries} webhooks per time to live (100,000 per 9 h 5 min by default, about
 * 3 a second) weakens replay protection. It keeps accepting webhooks (refusing them would lose Mailgun's
 * events, which only Mailgun can sign), logs a WARN with the rate it holds the first time, and counts such
 * tokens in {@link #evictedLiveTokens()}.
 *
 * <p>
 * Claims ({@link #claim}) are entries that expire after their lease; {@link #commit} replaces one with a
 * processed token for its time to live. Thread-safe; every operation is atomic.
 */
public final class InMemoryWebhookTokenStore implements WebhookTokenStore {

	/** Default maximum number of remembered tokens. */
	public static final int DEFAULT_MAX_ENTRIES = 100_000;

	private static final Log logger = LogFactory.getLog(InMemoryWebhookTokenStore.class);

	private final int maxEntries;

	private final Clock clock;

	// Both guarded by "this" and always holding the same entries.
	private final Map<String, Entry> entries = new HashMap<>();

	private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>(Comparator.comparing(Entry::expiry));

	// Guarded by "this".
	private long evictedLiveTokens;

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
		Entry entry = this.entries.get(token);
		return entry != null && !entry.claim();
	}

	@Override
	public synchronized boolean markSeen(String token, Duration ttl) {
		Objects.requireNonNull(token, "token");
		checkPositive(ttl, "ttl");
		Instant now = this.clock.instant();
		removeExpired(now);
		if (this.entries.containsKey(token)) {
			return false;
		}
		put(token, expiry(now, ttl), false, ttl);
		return true;
	}

	/**
	 * Claims a token for {@code lease}: an unexpired claim or a processed token blocks other claims; an
	 * expired claim is taken over.
	 */
	@Override
	public synchronized Claim claim(String token, Duration lease, Duration ttl) {
		Objects.requireNonNull(token, "token");
		checkPositive(lease, "lease");
		checkPositive(ttl, "ttl");
		Instant now = this.clock.instant();
		removeExpired(now);
		Entry entry = this.entries.get(token);
		if (entry != null) {
			return entry.claim() ? Claim.IN_PROGRESS : Claim.PROCESSED;
		}
		put(token, expiry(now, lease), true, ttl);
		return Claim.CLAIMED;
	}

	@Override
	public synchronized boolean commit(String token, Duration ttl) {
		Objects.requireNonNull(token, "token");
		checkPositive(ttl, "ttl");
		Instant now = this.clock.instant();
		removeExpired(now);
		Entry entry = this.entries.get(token);
		if (entry != null && !entry.claim()) {
			return false;
		}
		put(token, expiry(now, ttl), false, ttl);
		return true;
	}

	/**
	 * Removes the token's claim; a processed token stays. Every claim in this store is this JVM's, so a
	 * delivery whose lease ended and was taken over releases the new holder's claim: leases outlive
	 * listeners by far, and the worst outcome is a retry that runs the listeners again.
	 */
	@Override
	public synchronized void release(String token) {
		Objects.requireNonNull(token, "token");
		Entry entry = this.entries.get(token);
		if (entry != null && entry.claim()) {
			this.entries.remove(token);
		}
	}

	/**
	 * Returns how many tokens are remembered, counting expired ones not yet removed.
	 * @return the number of entries
	 */
	public synchronized int size() {
		return this.entries.size();
	}

	/**
	 * Returns how many tokens were forgotten before their time to live ended, to make room: a replay of
	 * each would have been accepted while its signature was still fresh.
	 * @return the number of tokens evicted alive, 0 while the store keeps up
	 */
	public synchronized long evictedLiveTokens() {
		return this.evictedLiveTokens;
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

	private void warnAboutEviction(Duration ttl) {
		double perSecond = this.maxEntries / (ttl.toNanos() / 1e9);
		logger.warn("The in-memory store of Mailgun webhook tokens is full and forgot a token before its time to live "
				+ "ended: a replay of it would be accepted while its signature is fresh. It holds " + this.maxEntries
				+ " tokens per " + ttl + ", " + String.format(Locale.ROOT, "%.2f", perSecond) + " webhooks a second "
				+ "on average; receive more with a larger maxEntries or a shared WebhookTokenStore (a cache "
				+ "named by mailgun.webhooks.replay-cache in Spring Boot). Logged once; see evictedLiveTokens().");
	}

	// The queue may hold entries the map replaced (a claim that was committed): they are skipped, not
	// searched for, which would cost a scan of the queue per commit.
	private void removeExpired(Instant now) {
		while (!this.byExpiry.isEmpty() && !this.byExpiry.element().expiry().isAfter(now)) {
			Entry expired = this.byExpiry.remove();
			this.entries.remove(expired.token(), expired);
		}
	}

	private void put(String token, Instant expiry, boolean claim, Duration ttl) {
		// Full of unexpired entries: the one closest to its expiry makes room.
		while (!this.entries.containsKey(token) && this.entries.size() >= this.maxEntries) {
			Entry oldest = this.byExpiry.remove();
			if (this.entries.remove(oldest.token(), oldest) && !oldest.claim() && this.evictedLiveTokens++ == 0) {
				warnAboutEviction(ttl);
			}
		}
		Entry entry = new Entry(token, expiry, claim);
		this.entries.put(token, entry);
		this.byExpiry.add(entry);
	}

	private static void checkPositive(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + duration);
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

	// Compared by identity (a class, not a record), so that a replaced entry left in the queue is told
	// apart from the one in the map.
	private static final class Entry {

		private final String token;

		private final Instant expiry;

		private final boolean claim;

		Entry(String token, Instant expiry, boolean claim) {
			this.token = token;
			this.expiry = expiry;
			this.claim = claim;
		}

		String token() {
			return this.token;
		}

		Instant expiry() {
			return this.expiry;
		}

		boolean claim() {
			return this.claim;
		}

	}

}
