package io.github.springmailgun.message;

import reactor.core.publisher.Mono;

/**
 * Where the client records sends made with an {@linkplain MailgunMessage#idempotencyKey() idempotency key}:
 * an in-flight marker when a send starts, then its result or that its outcome is unknown. Every instance
 * that must not send a message twice shares one store (Spring Boot's starter puts it on the application's
 * {@code CacheManager}). The values are opaque strings the client writes and reads; a store keeps them as
 * they are and forgets them only after the time a repeat must be recognized (for example 24 hours).
 * {@link #putIfAbsent} must be atomic across the instances that share the store.
 */
public interface SendIdempotencyStore {

	/**
	 * Stores a value under a key unless one is there, atomically.
	 * @param key the idempotency key
	 * @param value the value to store
	 * @return empty when the value was stored, or the value already there
	 */
	Mono<String> putIfAbsent(String key, String value);

	/**
	 * Stores a value under a key, replacing any.
	 * @param key the idempotency key
	 * @param value the value
	 * @return completes when the value is stored
	 */
	Mono<Void> put(String key, String value);

	/**
	 * Forgets a key, so that the next send with it is a first send.
	 * @param key the idempotency key
	 * @return completes when the key is forgotten
	 */
	Mono<Void> remove(String key);

}
