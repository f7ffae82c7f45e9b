package io.github.springmailgun.boot.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.springmailgun.webhook.WebhookTokenStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.util.ClassUtils;

/**
 * A {@link WebhookTokenStore} on a Spring {@link Cache}, so that every instance of an application that
 * shares the cache (Redis, Hazelcast, Infinispan, a JCache provider...) rejects a token another instance
 * processed. {@link #markSeen} is {@link Cache#putIfAbsent}, which Spring's cache implementations and the
 * common providers make atomic; {@link #isSeen} is {@link Cache#get(Object)}.
 *
 * <p>
 * Exactly-once processing needs a claim that expires sooner than a processed token, and a {@link Cache}
 * has neither a time to live per entry nor a compare-and-set. So the lease lives in the value: values are
 * Strings (which JDK, JSON and String serializers all keep), {@code "processed"} for a committed token and
 * {@code "claimed:<lease expiry in epoch milliseconds>:<random id>"} for a claim; any other value (older
 * versions wrote {@code Boolean.TRUE}) reads as processed. {@link #claim} is a {@code putIfAbsent}; a claim
 * whose lease ended, by this instance's clock (the instances' clocks must agree to well within the lease),
 * is taken over by the one instance that wins a {@code putIfAbsent} of a marker key naming that expired
 * claim. {@link #commit} is a {@code put} of {@code "processed"}, and {@link #release} evicts the entry
 * while it still holds this instance's claim. The window a processed token is remembered is the cache's
 * own time to live (with Spring Data Redis, {@code spring.cache.redis.time-to-live}).
 *
 * <p>
 * Expiry is the cache's job: its entries must live at least as long as the time to live that
 * {@link #markSeen} is given (the verifier's maximum age plus future skew), or a replay of an old token
 * passes once its entry expired. A cache that evicts by size (Caffeine's {@code maximumSize}, Redis's
 * {@code maxmemory} policies) forgets live tokens the same way, and this store cannot see either happen:
 * the {@link Cache} abstraction reports neither a time to live nor an eviction. So it checks what it can,
 * once, through {@link #checkRetention(Duration)} (the auto-configuration calls it at start-up; otherwise
 * the first {@link #markSeen} does): it warns when a Caffeine cache expires entries too early or holds a
 * bounded number of them (with the webhook rate that bound holds), and when a {@code ConcurrentMapCache}
 * keeps them forever (its memory grows with every webhook); for any other cache it says at INFO that the
 * time to live and any size bound are up to the application.
 */
public class CacheWebhookTokenStore implements WebhookTokenStore {

	private static final Log logger = LogFactory.getLog(CacheWebhookTokenStore.class);

	private static final boolean CAFFEINE_PRESENT = ClassUtils.isPresent(
			"com.github.benmanes.caffeine.cache.Cache", CacheWebhookTokenStore.class.getClassLoader());

	private static final String PROCESSED = "processed";

	private static final String CLAIMED = "claimed:";

	private final Cache cache;

	private final Clock clock;

	private final AtomicBoolean ttlChecked = new AtomicBoolean();

	// This instance's claims in flight, by token: release() evicts only an entry that still holds one.
	private final ConcurrentMap<String, String> claims = new ConcurrentHashMap<>();

	/**
	 * Creates a store on a cache and the system clock.
	 * @param cache the cache, shared by every instance that receives webhooks
	 */
	public CacheWebhookTokenStore(Cache cache) {
		this(cache, Clock.systemUTC());
	}

	/**
	 * Creates a store on a cache.
	 * @param cache the cache, shared by every instance that receives webhooks
	 * @param clock the clock that claims' leases are written and read with
	 */
	public CacheWebhookTokenStore(Cache cache, Clock clock) {
		this.cache = Objects.requireNonNull(cache, "cache");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public boolean isSeen(String token) {
		Objects.requireNonNull(token, "token");
		Cache.ValueWrapper entry = this.cache.get(token);
		return entry != null && claimExpiry(entry.get()) == null;
	}

	@Override
	public boolean markSeen(String token, Duration ttl) {
		Objects.requireNonNull(token, "token");
		Objects.requireNonNull(ttl, "ttl");
		checkRetention(ttl);
		return this.cache.putIfAbsent(token, PROCESSED) == null;
	}

	@Override
	public Claim claim(String token, Duration lease, Duration ttl) {
		Objects.requireNonNull(token, "token");
		Objects.requireNonNull(lease, "lease");
		Objects.requireNonNull(ttl, "ttl");
		checkRetention(ttl);
		long now = this.clock.millis();
		String claim = CLAIMED + (now + lease.toMillis()) + ":" + UUID.randomUUID();
		Cache.ValueWrapper existing = this.cache.putIfAbsent(token, claim);
		if (existing != null) {
			Object held = existing.get();
			Long expiry = claimExpiry(held);
			if (expiry == null) {
				return Claim.PROCESSED;
			}
			// Of the instances that see this expired claim, the one whose marker lands first takes over.
			if (expiry > now || this.cache.putIfAbsent(token + "#takeover:" + held, claim) != null) {
				return Claim.IN_PROGRESS;
			}
			this.cache.put(token, claim);
		}
		this.claims.put(token, claim);
		return Claim.CLAIMED;
	}

	@Override
	public boolean commit(String token, Duration ttl) {
		Objects.requireNonNull(token, "token");
		Objects.requireNonNull(ttl, "ttl");
		if (this.claims.remove(token) == null) {
			// Not claimed here: commit only a token no other delivery holds.
			return markSeen(token, ttl);
		}
		this.cache.put(token, PROCESSED);
		return true;
	}

	@Override
	public void release(String token) {
		Objects.requireNonNull(token, "token");
		String claim = this.claims.remove(token);
		if (claim == null) {
			return;
		}
		Cache.ValueWrapper entry = this.cache.get(token);
		// Check, then evict: another instance can take the claim over in between only once its lease
		// ended, and then this evicts the new claim and a retry may run the listeners again.
		if (entry != null && claim.equals(entry.get())) {
			this.cache.evict(token);
		}
	}

	/**
	 * Logs, the first time it is called, whether the cache can be seen to keep tokens for the time they
	 * must be remembered: a WARN when it expires them earlier, evicts them by size, or never expires them.
	 * @param tokenTtl how long a token must be remembered (the verifier's {@code tokenTtl()})
	 */
	public void checkRetention(Duration tokenTtl) {
		Objects.requireNonNull(tokenTtl, "tokenTtl");
		if (this.ttlChecked.compareAndSet(false, true)) {
			checkTimeToLive(tokenTtl);
		}
	}

	/**
	 * Returns the cache that holds the tokens.
	 * @return the cache
	 */
	public Cache getCache() {
		return this.cache;
	}

	/**
	 * Returns a summary with the cache name, without the tokens.
	 * @return the summary
	 */
	@Override
	public String toString() {
		return "CacheWebhookTokenStore[cache=" + this.cache.getName() + "]";
	}

	// The lease expiry of a claim, or null for a processed token (any value but a claim).
	private static @Nullable Long claimExpiry(@Nullable Object value) {
		if (value instanceof String text && text.startsWith(CLAIMED)) {
			int end = text.indexOf(':', CLAIMED.length());
			try {
				return Long.parseLong(text.substring(CLAIMED.length(), (end < 0) ? text.length() : end));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	private void checkTimeToLive(Duration required) {
		Object nativeCache = this.cache.getNativeCache();
		String name = "Cache '" + this.cache.getName() + "' of the Mailgun webhook tokens";
		if (CAFFEINE_PRESENT && CaffeineExpiry.isCaffeine(nativeCache)) {
			Duration expiry = CaffeineExpiry.expiry(nativeCache);
			if (expiry == null) {
				logger.info(name + " has no fixed expiry; make sure it keeps entries at least " + required);
			}
			else if (expiry.compareTo(required) < 0) {
				logger.warn(name + " expires entries after " + expiry + ", before the " + required
						+ " a token must be remembered: a replay of an older token would be accepted");
			}
			Long maximum = CaffeineExpiry.maximum(nativeCache);
			if (maximum != null) {
				logger.warn(name + " holds at most " + maximum + " entries (by size or weight): past "
						+ maximum + " webhooks within " + required + ", " + String.format(Locale.ROOT, "%.2f",
								maximum / (required.toNanos() / 1e9))
						+ " webhooks a second on average, it forgets tokens still in use and a replay of one "
						+ "would be accepted, without any sign. Size it above the webhook rate you expect");
			}
			return;
		}
		if (nativeCache instanceof ConcurrentMap) {
			logger.warn(name + " never expires entries: it grows by one entry per webhook until the application "
					+ "stops. Give the cache a time to live of at least " + required + ", or set "
					+ "mailgun.webhooks.replay-cache to empty to keep tokens in a bounded in-memory store");
			return;
		}
		logger.info(name + " must keep entries at least " + required
				+ " (mailgun.webhooks.max-age plus max-future-skew) and not evict them for size (Redis maxmemory "
				+ "policies); neither can be checked here");
	}

	/**
	 * Reads the expiry of a Caffeine cache; only loaded when Caffeine is on the classpath.
	 */
	private static final class CaffeineExpiry {

		static boolean isCaffeine(Object nativeCache) {
			return nativeCache instanceof com.github.benmanes.caffeine.cache.Cache;
		}

		/**
		 * Returns the shorter of expire-after-write and expire-after-access, or {@code null} for none.
		 */
		static @Nullable Duration expiry(Object nativeCache) {
			var policy = ((com.github.benmanes.caffeine.cache.Cache<?, ?>) nativeCache).policy();
			Optional<Duration> afterWrite = policy.expireAfterWrite().map((expiration) -> expiration.getExpiresAfter());
			Optional<Duration> afterAccess = policy.expireAfterAccess()
				.map((expiration) -> expiration.getExpiresAfter());
			if (afterWrite.isPresent() && afterAccess.isPresent()) {
				return (afterWrite.get().compareTo(afterAccess.get()) <= 0) ? afterWrite.get() : afterAccess.get();
			}
			return afterWrite.orElse(afterAccess.orElse(null));
		}

		/**
		 * Returns the maximum size (or weight) the cache evicts beyond, or {@code null} when unbounded.
		 */
		static @Nullable Long maximum(Object nativeCache) {
			var policy = ((com.github.benmanes.caffeine.cache.Cache<?, ?>) nativeCache).policy();
			return policy.eviction().map((eviction) -> eviction.getMaximum()).orElse(null);
		}

	}

}
