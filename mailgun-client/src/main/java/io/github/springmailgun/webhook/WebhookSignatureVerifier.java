package io.github.springmailgun.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.springmailgun.webhook.WebhookVerificationException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a webhook request came from Mailgun and is not a replay. Mailgun signs
 * {@code timestamp + token} (no separator) with HMAC-SHA256 and the HTTP webhook signing key and sends the
 * hex digest as {@code signature}; subaccount domains add a {@code parent-signature} made with the primary
 * account's key.
 *
 * <p>
 * A signature is accepted when it matches the signing key, or when a parent signing key is configured
 * and the {@code parent-signature} matches it; its timestamp is at most {@link #maxAge()} old and at most
 * {@link #maxFutureSkew()} ahead; and its token was not processed yet. Tokens are remembered in a
 * {@link WebhookTokenStore} for {@link #tokenTtl()}, which outlives every timestamp still accepted.
 *
 * <p>
 * Processing exactly once takes four steps: {@link #verifySignature(WebhookSignature)}, {@link #claim} (of
 * overlapping deliveries of one event only one gets the token, for {@link #claimLease()}, and a replay is
 * {@code PROCESSED}: one read of the store, where {@link #verify} then {@code claim} take two), handle the
 * event, then {@link #commit} when it was handled or {@link #release} when it failed, so that Mailgun's
 * retry (same token) gets through. With a {@link WebhookTokenStore} that does not override the claim
 * operations, overlapping deliveries can both be handled (at least once). The older
 * {@link #verify(WebhookSignature)} then {@link #markProcessed(WebhookVerification)} also works, without
 * a claim; {@link #verifyAndMarkProcessed(WebhookSignature)} does it all in one step, before handling.
 *
 * <p>
 * Thread-safe. The signing keys never appear in {@link #toString()} or exception messages.
 */
public final class WebhookSignatureVerifier {

	/** Default maximum age of a signature: Mailgun retries for about 8 hours. */
	public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(9);

	/** Default tolerance for a signature timestamp ahead of this machine's clock. */
	public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);

	/** Default time a claim holds the token of a delivery whose handler has not finished. */
	public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(1);

	private static final String ALGORITHM = "HmacSHA256";

	private static final Duration TOKEN_TTL_MARGIN = Duration.ofSeconds(1);

	private static final int MAX_TIMESTAMP_DIGITS = 12;

	private static final int MAX_TOKEN_LENGTH = 256;

	private final SecretKeySpec signingKey;

	private final @Nullable SecretKeySpec parentSigningKey;

	private final Duration maxAge;

	private final Duration maxFutureSkew;

	private final Duration claimLease;

	private final Clock clock;

	private final WebhookTokenStore tokenStore;

	private WebhookSignatureVerifier(Builder builder) {
		this.signingKey = key(builder.signingKey, "webhook signing key");
		this.parentSigningKey = (builder.parentSigningKey != null)
				? key(builder.parentSigningKey, "parent webhook signing key") : null;
		this.maxAge = builder.maxAge;
		this.maxFutureSkew = builder.maxFutureSkew;
		this.claimLease = builder.claimLease;
		this.clock = builder.clock;
		this.tokenStore = (builder.tokenStore != null) ? builder.tokenStore
				: new InMemoryWebhookTokenStore(InMemoryWebhookTokenStore.DEFAULT_MAX_ENTRIES, builder.clock);
	}

	/**
	 * Starts a verifier for the HTTP webhook signing key (not the API key), with the default maximum age,
	 * future skew, system clock and an {@link InMemoryWebhookTokenStore}.
	 * @param signingKey the HTTP webhook signing key
	 * @return a builder
	 */
	public static Builder builder(String signingKey) {
		return new Builder(signingKey);
	}

	/**
	 * Checks the signature, the timestamp and that the token was not processed yet, without marking the
	 * token. Call {@link #markProcessed(WebhookVerification)} once the event was handled.
	 * @param signature the signature block of the request
	 * @return the accepted signature's token and time
	 * @throws WebhookVerificationException when the request must not be processed
	 */
	public WebhookVerification verify(WebhookSignature signature) {
		WebhookVerification verification = verifySignature(signature);
		if (this.tokenStore.isSeen(verification.token())) {
			throw replayed();
		}
		return verification;
	}

	/**
	 * Checks the signature and the timestamp, without reading the token store: for a caller that
	 * {@linkplain #claim claims} the token next, which reports a processed token as {@code PROCESSED}.
	 * @param signature the signature block of the request
	 * @return the accepted signature's token and time
	 * @throws WebhookVerificationException when the signature or its timestamp is not accepted
	 */
	public WebhookVerification verifySignature(WebhookSignature signature) {
		Objects.requireNonNull(signature, "signature");
		String timestamp = signature.timestamp();
		String token = signature.token();
		checkShape(timestamp, token);
		boolean signedByParent = authenticate(signature);
		Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
		Instant now = this.clock.instant();
		Duration age = Duration.between(signedAt, now);
		if (age.compareTo(this.maxAge) > 0) {
			throw new WebhookVerificationException(Reason.STALE_TIMESTAMP, "Mailgun webhook signature timestamp "
					+ timestamp + " is " + age + " old; at most " + this.maxAge + " is accepted");
		}
		if (age.negated().compareTo(this.maxFutureSkew) > 0) {
			throw new WebhookVerificationException(Reason.FUTURE_TIMESTAMP, "Mailgun webhook signature timestamp "
					+ timestamp + " is " + age.negated().withNanos(0) + " ahead of this clock; at most " + this.maxFutureSkew
					+ " is accepted");
		}
		return new WebhookVerification(token, signedAt, signedByParent);
	}

	/**
	 * Marks the token of a verified webhook as processed, so that a replay of it is rejected.
	 * @param verification what {@link #verify(WebhookSignature)} returned
	 * @return {@code true} when this call marked the token, {@code false} when it was already marked (an
	 * overlapping duplicate delivery finished first)
	 */
	public boolean markProcessed(WebhookVerification verification) {
		Objects.requireNonNull(verification, "verification");
		return this.tokenStore.markSeen(verification.token(), tokenTtl());
	}

	/**
	 * Claims the token of a verified webhook for {@link #claimLease()} before its event is handled, so that
	 * an overlapping delivery of the same event is not handled too.
	 * @param verification what {@link #verify(WebhookSignature)} returned
	 * @return {@code CLAIMED} when the caller may handle the event; {@code IN_PROGRESS} while another
	 * delivery holds the token (answer so that Mailgun retries); {@code PROCESSED} for a replay
	 */
	public WebhookTokenStore.Claim claim(WebhookVerification verification) {
		Objects.requireNonNull(verification, "verification");
		return this.tokenStore.claim(verification.token(), this.claimLease, tokenTtl());
	}

	/**
	 * Marks a claimed token as processed for {@link #tokenTtl()}, once its event was handled.
	 * @param verification what {@link #verify(WebhookSignature)} returned
	 * @return {@code true} when this call marked the token
	 */
	public boolean commit(WebhookVerification verification) {
		Objects.requireNonNull(verification, "verification");
		return this.tokenStore.commit(verification.token(), tokenTtl());
	}

	/**
	 * Gives up the claim of a token whose event could not be handled, so that Mailgun's retry is handled
	 * without waiting for the lease to end.
	 * @param verification what {@link #verify(WebhookSignature)} returned
	 */
	public void release(WebhookVerification verification) {
		Objects.requireNonNull(verification, "verification");
		this.tokenStore.release(verification.token());
	}

	/**
	 * Verifies and marks the token as processed in one step, atomically: of concurrent deliveries of the
	 * same webhook, only one passes. A handler failure after this call cannot be retried by Mailgun's
	 * redelivery; use {@link #verify} and {@link #markProcessed} when it must be.
	 * @param signature the signature block of the request
	 * @return the accepted signature's token and time
	 * @throws WebhookVerificationException when the request must not be processed
	 */
	public WebhookVerification verifyAndMarkProcessed(WebhookSignature signature) {
		// markProcessed's put-if-absent tells a replay: a read of the store before it would be a second trip.
		WebhookVerification verification = verifySignature(signature);
		if (!markProcessed(verification)) {
			throw replayed();
		}
		return verification;
	}

	/**
	 * Returns the maximum age of an accepted signature timestamp.
	 * @return the maximum age
	 */
	public Duration maxAge() {
		return this.maxAge;
	}

	/**
	 * Returns how far ahead of this machine's clock a signature timestamp may be.
	 * @return the tolerated skew
	 */
	public Duration maxFutureSkew() {
		return this.maxFutureSkew;
	}

	/**
	 * Returns how long a claim holds a token whose event is being handled: long enough for the listeners,
	 * short enough that Mailgun's retry after an instance died mid-listener is not held up for long.
	 * @return the lease
	 */
	public Duration claimLease() {
		return this.claimLease;
	}

	/**
	 * Returns how long a processed token is remembered: the maximum age plus the future skew, the longest
	 * time a signature stays acceptable, plus a second so that a store that expires entries at their exact
	 * expiry still holds a token on the last instant its timestamp is accepted.
	 * @return the time to live of a token
	 */
	public Duration tokenTtl() {
		return this.maxAge.plus(this.maxFutureSkew).plus(TOKEN_TTL_MARGIN);
	}

	/**
	 * Returns the store that remembers processed tokens.
	 * @return the token store
	 */
	public WebhookTokenStore tokenStore() {
		return this.tokenStore;
	}

	/**
	 * Returns a summary without the signing keys.
	 * @return the summary
	 */
	@Override
	public String toString() {
		return "WebhookSignatureVerifier[signingKey=******, parentSigningKey="
				+ ((this.parentSigningKey != null) ? "******" : "none") + ", maxAge=" + this.maxAge
				+ ", maxFutureSkew=" + this.maxFutureSkew + ", claimLease=" + this.claimLease + ", tokenStore=" + this.tokenStore + "]";
	}

	private static void checkShape(String timestamp, String token) {
		if (timestamp.isEmpty() || timestamp.length() > MAX_TIMESTAMP_DIGITS || !isWithin(timestamp, '0', '9')) {
			throw new WebhookVerificationException(Reason.MALFORMED,
					"Mailgun webhook signature timestamp must be 1 to " + MAX_TIMESTAMP_DIGITS
							+ " digits (seconds since the epoch)");
		}
		if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || !isWithin(token, '!', '~')) {
			throw new WebhookVerificationException(Reason.MALFORMED, "Mailgun webhook signature token must be 1 to "
					+ MAX_TOKEN_LENGTH + " visible ASCII characters");
		}
	}

	private boolean authenticate(WebhookSignature signature) {
		byte[] data = (signature.timestamp() + signature.token()).getBytes(StandardCharsets.UTF_8);
		if (matches(this.signingKey, data, signature.signature())) {
			return false;
		}
		String parentSignature = signature.parentSignature();
		if (this.parentSigningKey != null && parentSignature != null
				&& matches(this.parentSigningKey, data, parentSignature)) {
			return true;
		}
		throw new WebhookVerificationException(Reason.BAD_SIGNATURE, (this.parentSigningKey != null)
				? "Mailgun webhook signature matches neither the webhook signing key nor the parent signing key"
				: "Mailgun webhook signature does not match the webhook signing key");
	}

	private static boolean matches(SecretKeySpec key, byte[] data, String hexSignature) {
		// Hex in either case; MessageDigest.isEqual takes as long wherever two texts of one length differ.
		byte[] expected = HexFormat.of().formatHex(hmac(key, data)).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, hexSignature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
	}

	private static byte[] hmac(SecretKeySpec key, byte[] data) {
		try {
			// A Mac is not thread-safe; creating one is cheap next to an HTTP request.
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ALGORITHM + " is not available in this JVM", ex);
		}
	}

	private static WebhookVerificationException replayed() {
		return new WebhookVerificationException(Reason.REPLAYED_TOKEN,
				"Mailgun webhook token was already processed (a replay or a duplicate delivery)");
	}

	private static SecretKeySpec key(String key, String what) {
		if (key.isEmpty() || key.isBlank()) {
			throw new IllegalArgumentException("The Mailgun " + what + " must not be empty");
		}
		if (!key.strip().equals(key)) {
			throw new IllegalArgumentException("The Mailgun " + what + " must not start or end with whitespace");
		}
		return new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
	}

	private static boolean isWithin(String text, char first, char last) {
		return text.chars().allMatch((c) -> c >= first && c <= last);
	}

	/**
	 * Builds a {@link WebhookSignatureVerifier}.
	 */
	public static final class Builder {

		private final String signingKey;

		private @Nullable String parentSigningKey;

		private Duration maxAge = DEFAULT_MAX_AGE;

		private Duration maxFutureSkew = DEFAULT_MAX_FUTURE_SKEW;

		private Duration claimLease = DEFAULT_CLAIM_LEASE;

		private Clock clock = Clock.systemUTC();

		private @Nullable WebhookTokenStore tokenStore;

		private Builder(String signingKey) {
			this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
		}

		/**
		 * Also accepts webhooks whose {@code parent-signature} matches the primary account's signing key,
		 * for an endpoint of the primary account that receives its subaccounts' events. This trusts every
		 * subaccount: each receives such signatures, which do not cover the event, so its operator can post
		 * made-up events that pass. {@link WebhookVerification#signedByParent()} marks them; confirm one
		 * through the Events API before acting on it.
		 * @param parentSigningKey the primary account's HTTP webhook signing key, or {@code null} for none
		 * @return this builder
		 */
		public Builder parentSigningKey(@Nullable String parentSigningKey) {
			this.parentSigningKey = parentSigningKey;
			return this;
		}

		/**
		 * Sets the maximum age of an accepted signature; it should cover Mailgun's retries (about 8 hours).
		 * @param maxAge a positive duration
		 * @return this builder
		 */
		public Builder maxAge(Duration maxAge) {
			Objects.requireNonNull(maxAge, "maxAge");
			if (maxAge.isNegative() || maxAge.isZero()) {
				throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
			}
			this.maxAge = maxAge;
			return this;
		}

		/**
		 * Sets how far ahead of this machine's clock a signature timestamp may be.
		 * @param maxFutureSkew zero or a positive duration
		 * @return this builder
		 */
		public Builder maxFutureSkew(Duration maxFutureSkew) {
			Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
			if (maxFutureSkew.isNegative()) {
				throw new IllegalArgumentException("maxFutureSkew must not be negative, was " + maxFutureSkew);
			}
			this.maxFutureSkew = maxFutureSkew;
			return this;
		}

		/**
		 * Sets how long a claim holds the token of a delivery whose handler has not finished; it should
		 * outlast the listeners, since a delivery of the same event after it ends is handled too.
		 * @param claimLease a positive duration
		 * @return this builder
		 */
		public Builder claimLease(Duration claimLease) {
			Objects.requireNonNull(claimLease, "claimLease");
			if (claimLease.isNegative() || claimLease.isZero()) {
				throw new IllegalArgumentException("claimLease must be positive, was " + claimLease);
			}
			this.claimLease = claimLease;
			return this;
		}

		/**
		 * Sets the clock that timestamps are checked against (and that expires the default token store).
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Sets where processed tokens are remembered; a store shared by every instance that receives
		 * webhooks, when there are several.
		 * @param tokenStore the store
		 * @return this builder
		 */
		public Builder tokenStore(WebhookTokenStore tokenStore) {
			this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore");
			return this;
		}

		/**
		 * Builds the verifier.
		 * @return the verifier
		 * @throws IllegalArgumentException when a signing key is empty or padded with whitespace
		 */
		public WebhookSignatureVerifier build() {
			return new WebhookSignatureVerifier(this);
		}

		/**
		 * Returns a summary without the signing keys.
		 * @return the summary
		 */
		@Override
		public String toString() {
			return "WebhookSignatureVerifier.Builder[signingKey=******, maxAge=" + this.maxAge + "]";
		}

	}

}
