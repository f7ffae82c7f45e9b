package io.github.springmailgun.boot.message;

import java.util.Objects;

import io.github.springmailgun.message.SendIdempotencyStore;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cache.Cache;
import org.springframework.cache.Cache.ValueWrapper;

/**
 * A {@link SendIdempotencyStore} on a Spring {@link Cache}, so that every instance of an application that
 * shares the cache (Redis, Hazelcast, a JCache provider...) sends a message with a given idempotency key
 * once. {@link #putIfAbsent} is {@link Cache#putIfAbsent}, which Spring's cache implementations and the
 * common providers make atomic. The values are strings, which every cache serializer keeps as they are.
 *
 * <p>
 * A cache call blocks, so each runs on {@link Schedulers#boundedElastic()}, never on the caller's event
 * loop. How long a recorded send is recognized is the cache's time to live (for example
 * {@code spring.cache.redis.time-to-live=24h}): a repeat after it sends the message again.
 */
public class CacheSendIdempotencyStore implements SendIdempotencyStore {

	private final Cache cache;

	/**
	 * Creates a store on a cache.
	 * @param cache the cache, shared by every instance that sends
	 */
	public CacheSendIdempotencyStore(Cache cache) {
		this.cache = Objects.requireNonNull(cache, "cache");
	}

	@Override
	public Mono<String> putIfAbsent(String key, String value) {
		return Mono.defer(() -> {
			ValueWrapper existing = this.cache.putIfAbsent(key, value);
			// An entry this store cannot read is still an entry: the client treats it as an unknown outcome.
			return (existing != null) ? Mono.just(String.valueOf(existing.get())) : Mono.<String>empty();
		}).subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public Mono<Void> put(String key, String value) {
		return Mono.<Void>fromRunnable(() -> this.cache.put(key, value)).subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public Mono<Void> remove(String key) {
		return Mono.<Void>fromRunnable(() -> this.cache.evict(key)).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Returns the cache that holds the sends.
	 * @return the cache
	 */
	public Cache getCache() {
		return this.cache;
	}

	/**
	 * Returns a summary with the cache name, without the keys.
	 * @return the summary
	 */
	@Override
	public String toString() {
		return "CacheSendIdempotencyStore[cache=" + this.cache.getName() + "]";
	}

}
