package io.github.springmailgun.webhook;

import java.time.Duration;

/**
 * Remembers the tokens of processed webhooks so that a replayed request is rejected. Implement it on a
 * shared store (Redis {@code SET key 1 NX EX ttl}, a database table with a unique key) when several
 * application instances receive webhooks; {@link InMemoryWebhookTokenStore} serves a single instance.
 *
 * <p>
 * Implementations must be thread-safe, and {@link #markSeen} must be atomic.
 */
public interface WebhookTokenStore {

	/**
	 * Returns whether the token was marked and its entry has not expired yet.
	 * @param token the webhook token
	 * @return {@code true} when the token was seen
	 */
	boolean isSeen(String token);

	/**
	 * Marks a token as seen for the given time, atomically with the check that it was not seen
	 * (put-if-absent): of many concurrent calls with the same token, exactly one returns {@code true}.
	 * @param token the webhook token
	 * @param ttl how long the token must be remembered; a bounded store says what it does when full
	 * @return {@code true} when the token was not seen before and is now marked, {@code false} when it
	 * was already marked
	 */
	boolean markSeen(String token, Duration ttl);

}
