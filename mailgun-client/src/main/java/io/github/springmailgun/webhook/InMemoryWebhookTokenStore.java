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
 * Thread-safe; {@link #markSeen} is atomic.
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
			if (this.evictedLiveTokens++ == 0) {
				warnAboutEviction(ttl);
			}
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
