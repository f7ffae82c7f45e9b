package io.github.springmailgun.webhook;

import java.time.Duration;

/**
 * Remembers the tokens of processed webhooks so that a replayed request is rejected. Implement it on a
 * shared store (Redis {@code SET key 1 NX EX ttl}, a database table with a unique key) when several
 * application instances receive webhooks; {@link InMemoryWebhookTokenStore} serves a single instance.
 *
 * <p>
 * Implementations must be thread-safe, and {@link #markSeen} must be atomic. The webhook handler claims a
 * token before its listeners run ({@link #claim}), commits it once they succeeded ({@link #commit}) and
 * releases it when they failed ({@link #release}), so that of overlapping deliveries of one webhook only
 * one runs the listeners. The defaults of those three keep the older at-least-once behaviour on
 * {@link #isSeen} and {@link #markSeen}: a store that wants exactly-once processing overrides all three.
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

	/**
	 * Claims a token for the delivery about to run the listeners, atomically: of concurrent claims of one
	 * token, at most one returns {@link Claim#CLAIMED}. The claim lasts for {@code lease}, so that an
	 * instance that dies mid-listener does not block Mailgun's retry for long; a later claim after the lease
	 * ended takes the token over. The default claims without exclusivity: {@code PROCESSED} when
	 * {@link #isSeen} says so, otherwise {@code CLAIMED}.
	 * @param token the webhook token
	 * @param lease how long the claim holds unless committed or released
	 * @param ttl how long a committed token must be remembered
	 * @return what the token's state allows
	 */
	default Claim claim(String token, Duration lease, Duration ttl) {
		return isSeen(token) ? Claim.PROCESSED : Claim.CLAIMED;
	}

	/**
	 * Marks a claimed token as processed for {@code ttl}, after the listeners succeeded. The default is
	 * {@link #markSeen}.
	 * @param token the webhook token
	 * @param ttl how long the token must be remembered
	 * @return {@code true} when this call marked the token, {@code false} when another delivery had
	 * already committed it
	 */
	default boolean commit(String token, Duration ttl) {
		return markSeen(token, ttl);
	}

	/**
	 * Gives up this instance's claim of a token after the listeners failed, so that Mailgun's retry is not
	 * held until the lease ends. It leaves a token that another delivery claimed or committed alone. The
	 * default does nothing.
	 * @param token the webhook token
	 */
	default void release(String token) {
	}

	/**
	 * What {@link #claim} found.
	 */
	enum Claim {

		/** The caller holds the token and runs the listeners. */
		CLAIMED,

		/** Another delivery holds an unexpired claim: its listeners may still fail, so retry later. */
		IN_PROGRESS,

		/** The token was processed: a replay. */
		PROCESSED

	}

}
