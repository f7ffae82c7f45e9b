package io.github.springmailgun.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.springmailgun.webhook.WebhookVerificationException.Reason;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.springmailgun.webhook.WebhookSignatures.KEY;
import static io.github.springmailgun.webhook.WebhookSignatures.PARENT_KEY;
import static io.github.springmailgun.webhook.WebhookSignatures.TOKEN;
import static io.github.springmailgun.webhook.WebhookSignatures.sign;
import static io.github.springmailgun.webhook.WebhookSignatures.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WebhookSignatureVerifierTests {

	private static final long NOW = 1_529_006_854L;

	// hex(HMAC-SHA256(KEY, "1529006854" + TOKEN)), computed once with Python's hmac module.
	private static final String KNOWN_SIGNATURE = "2f7cfe1d7a49fde3fca02e42e1f5649d91d7062914fda14da85b2b58a99dffc1";

	// The same with a '.' between timestamp and token, as a Stripe-style implementation would sign.
	private static final String SEPARATOR_SIGNATURE = "6fb946f3ba225d04d8f5097e43e456bc0a9b4b64cee9f28a64c4847cb733d573";

	private final MutableClock clock = MutableClock.at(NOW);

	private final WebhookSignatureVerifier verifier = WebhookSignatureVerifier.builder(KEY).clock(this.clock).build();

	@Test
	void acceptsAKnownVector() {
		assertThat(sign(KEY, "1529006854", TOKEN)).isEqualTo(KNOWN_SIGNATURE);
		WebhookVerification verification = this.verifier
			.verify(new WebhookSignature("1529006854", TOKEN, KNOWN_SIGNATURE));
		assertThat(verification.token()).isEqualTo(TOKEN);
		assertThat(verification.timestamp()).isEqualTo(Instant.ofEpochSecond(NOW));
		assertThat(verification.signedByParent()).isFalse();
	}

	@Test
	void claimFlowReadsTheStoreOnlyInTheClaimAndStillTellsAReplay() {
		RecordingStore store = new RecordingStore(this.clock);
		WebhookSignatureVerifier verifier = WebhookSignatureVerifier.builder(KEY).clock(this.clock).tokenStore(store).build();

		WebhookVerification first = verifier.verifySignature(signed(NOW, TOKEN));
		assertThat(verifier.claim(first)).isEqualTo(WebhookTokenStore.Claim.CLAIMED);
		assertThat(verifier.commit(first)).isTrue();
		assertThat(verifier.claim(verifier.verifySignature(signed(NOW, TOKEN))))
			.isEqualTo(WebhookTokenStore.Claim.PROCESSED);
		assertRejected(() -> verifier.verifyAndMarkProcessed(signed(NOW, TOKEN)), Reason.REPLAYED_TOKEN);
		assertRejected(() -> verifier.verify(signed(NOW, TOKEN)), Reason.REPLAYED_TOKEN);

		// One store trip a delivery: a read before the claim (or before markSeen) would be a second one.
		assertThat(store.calls).map((call) -> call.split(" ")[0])
			.containsExactly("claim", "commit", "claim", "markSeen", "isSeen");
	}

	@Test
	void acceptsUpperCaseHex() {
		WebhookSignature signature = new WebhookSignature("1529006854", TOKEN, KNOWN_SIGNATURE.toUpperCase());
		assertThat(this.verifier.verify(signature).token()).isEqualTo(TOKEN);
	}

	@Test
	void acceptsSignaturesComputedIndependently() {
		for (int i = 0; i < 20; i++) {
			String token = "token" + i + "x".repeat(i);
			String timestamp = Long.toString(NOW - i * 60);
			assertThat(this.verifier.verify(signed(timestamp, token)).token()).isEqualTo(token);
		}
	}

	@Test
	void rejectsASignatureWithASeparator() {
		assertRejected(() -> this.verifier.verify(new WebhookSignature("1529006854", TOKEN, SEPARATOR_SIGNATURE)),
				Reason.BAD_SIGNATURE);
	}

	@Test
	void rejectsATamperedTimestamp() {
		WebhookSignature signature = signed(NOW, TOKEN);
		assertRejected(
				() -> this.verifier.verify(new WebhookSignature(Long.toString(NOW - 1), TOKEN, signature.signature())),
				Reason.BAD_SIGNATURE);
	}

	@Test
	void rejectsATamperedToken() {
		WebhookSignature signature = signed(NOW, TOKEN);
		String tampered = TOKEN.substring(0, TOKEN.length() - 1) + "1";
		assertRejected(
				() -> this.verifier.verify(new WebhookSignature(signature.timestamp(), tampered, signature.signature())),
				Reason.BAD_SIGNATURE);
	}

	@Test
	void rejectsATamperedSignature() {
		char[] chars = KNOWN_SIGNATURE.toCharArray();
		chars[10] = (chars[10] == '0') ? '1' : '0';
		assertRejected(() -> this.verifier.verify(new WebhookSignature("1529006854", TOKEN, new String(chars))),
				Reason.BAD_SIGNATURE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "zz7cfe1d7a49fde3fca02e42e1f5649d91d7062914fda14da85b2b58a99dffc1",
			"2f7cfe1d7a49fde3fca02e42e1f5649d91d7062914fda14da85b2b58a99dffc100" })
	void rejectsSignaturesOfTheWrongShape(String signature) {
		assertRejected(() -> this.verifier.verify(new WebhookSignature("1529006854", TOKEN, signature)),
				Reason.BAD_SIGNATURE);
	}

	@Test
	void rejectsASignatureOfAnotherKey() {
		WebhookSignature signature = new WebhookSignature("1529006854", TOKEN, sign("another-key", "1529006854", TOKEN));
		assertRejected(() -> this.verifier.verify(signature), Reason.BAD_SIGNATURE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1529006854.5", "-1529006854", " 1529006854", "abc", "1234567890123" })
	void rejectsMalformedTimestamps(String timestamp) {
		assertRejected(() -> this.verifier.verify(signed(timestamp, TOKEN)), Reason.MALFORMED);
	}

	@Test
	void rejectsMalformedTokens() {
		assertRejected(() -> this.verifier.verify(signed(NOW, "")), Reason.MALFORMED);
		assertRejected(() -> this.verifier.verify(signed(NOW, "with space")), Reason.MALFORMED);
		assertRejected(() -> this.verifier.verify(signed(NOW, "x".repeat(257))), Reason.MALFORMED);
		assertThat(this.verifier.verify(signed(NOW, "x".repeat(256))).token()).hasSize(256);
	}

	@Test
	void acceptsTimestampsUpToTheMaximumAge() {
		this.clock.advance(Duration.ofHours(9));
		assertThat(this.verifier.verify(signed(NOW, TOKEN)).token()).isEqualTo(TOKEN);
		this.clock.advance(Duration.ofMillis(1));
		assertRejected(() -> this.verifier.verify(signed(NOW, TOKEN)), Reason.STALE_TIMESTAMP);
	}

	@Test
	void defaultMaximumAgeCoversMailgunsRetryWindow() {
		assertThat(this.verifier.maxAge()).isGreaterThanOrEqualTo(Duration.ofHours(8))
			.isEqualTo(WebhookSignatureVerifier.DEFAULT_MAX_AGE);
		assertThat(this.verifier.maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void appliesAConfiguredMaximumAge() {
		WebhookSignatureVerifier strict = WebhookSignatureVerifier.builder(KEY)
			.clock(this.clock)
			.maxAge(Duration.ofMinutes(10))
			.build();
		this.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
		assertRejected(() -> strict.verify(signed(NOW, TOKEN)), Reason.STALE_TIMESTAMP);
		assertThat(this.verifier.verify(signed(NOW, TOKEN)).token()).isEqualTo(TOKEN);
	}

	@Test
	void acceptsTimestampsUpToTheFutureSkew() {
		assertThat(this.verifier.verify(signed(NOW + 300, TOKEN)).token()).isEqualTo(TOKEN);
		assertRejected(() -> this.verifier.verify(signed(NOW + 301, TOKEN)), Reason.FUTURE_TIMESTAMP);
	}

	@Test
	void appliesAConfiguredFutureSkew() {
		WebhookSignatureVerifier noSkew = WebhookSignatureVerifier.builder(KEY)
			.clock(this.clock)
			.maxFutureSkew(Duration.ZERO)
			.build();
		assertThat(noSkew.verify(signed(NOW, TOKEN)).token()).isEqualTo(TOKEN);
		assertRejected(() -> noSkew.verify(signed(NOW + 1, TOKEN)), Reason.FUTURE_TIMESTAMP);
	}

	@Test
	void checksTheSignatureBeforeTheTimestamp() {
		WebhookSignature forged = new WebhookSignature(Long.toString(NOW - 86_400), TOKEN, KNOWN_SIGNATURE);
		assertRejected(() -> this.verifier.verify(forged), Reason.BAD_SIGNATURE);
	}

	@Test
	void rejectsATokenOnceItWasMarkedProcessed() {
		WebhookSignature signature = signed(NOW, TOKEN);
		WebhookVerification verification = this.verifier.verify(signature);
		assertThat(this.verifier.markProcessed(verification)).isTrue();
		assertRejected(() -> this.verifier.verify(signature), Reason.REPLAYED_TOKEN);
		assertThat(this.verifier.markProcessed(verification)).isFalse();
	}

	@Test
	void acceptsAVerifiedTokenAgainWhileItWasNotMarkedProcessed() {
		WebhookSignature signature = signed(NOW, TOKEN);
		this.verifier.verify(signature);
		// The listener failed: Mailgun retries later with the same signature block.
		this.clock.advance(Duration.ofMinutes(5));
		WebhookVerification retry = this.verifier.verify(signature);
		assertThat(retry.token()).isEqualTo(TOKEN);
		assertThat(this.verifier.markProcessed(retry)).isTrue();
		assertRejected(() -> this.verifier.verify(signature), Reason.REPLAYED_TOKEN);
	}

	@Test
	void remembersProcessedTokensForAsLongAsTheirTimestampIsAccepted() {
		WebhookSignature signature = signed(NOW + 300, TOKEN);
		this.verifier.markProcessed(this.verifier.verify(signature));
		this.clock.set(Instant.ofEpochSecond(NOW + 300).plus(Duration.ofHours(9)));
		assertRejected(() -> this.verifier.verify(signature), Reason.REPLAYED_TOKEN);
		this.clock.advance(Duration.ofSeconds(1));
		assertRejected(() -> this.verifier.verify(signature), Reason.STALE_TIMESTAMP);
		assertThat(this.verifier.tokenTtl()).isEqualTo(Duration.ofHours(9).plusMinutes(5).plusSeconds(1));
	}

	@Test
	void verifyAndMarkProcessedAcceptsATokenOnce() {
		WebhookSignature signature = signed(NOW, TOKEN);
		assertThat(this.verifier.verifyAndMarkProcessed(signature).token()).isEqualTo(TOKEN);
		assertRejected(() -> this.verifier.verifyAndMarkProcessed(signature), Reason.REPLAYED_TOKEN);
		assertRejected(() -> this.verifier.verify(signature), Reason.REPLAYED_TOKEN);
	}

	@Test
	void verifyAndMarkProcessedLetsExactlyOneConcurrentDeliveryThrough() throws Exception {
		WebhookSignature signature = signed(NOW, TOKEN);
		int threads = 12;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		List<Future<Boolean>> results = new ArrayList<>();
		try {
			for (int i = 0; i < threads; i++) {
				results.add(executor.submit(() -> {
					start.await();
					try {
						this.verifier.verifyAndMarkProcessed(signature);
						return true;
					}
					catch (WebhookVerificationException ex) {
						assertThat(ex.getReason()).isEqualTo(Reason.REPLAYED_TOKEN);
						return false;
					}
				}));
			}
			start.countDown();
			int accepted = 0;
			for (Future<Boolean> result : results) {
				accepted += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
			}
			assertThat(accepted).isEqualTo(1);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void marksTokensInAConfiguredStoreForTheTokenTtl() {
		List<String> calls = new ArrayList<>();
		WebhookTokenStore store = new WebhookTokenStore() {

			@Override
			public boolean isSeen(String token) {
				calls.add("isSeen " + token);
				return false;
			}

			@Override
			public boolean markSeen(String token, Duration ttl) {
				calls.add("markSeen " + token + " " + ttl);
				return true;
			}

		};
		WebhookSignatureVerifier custom = WebhookSignatureVerifier.builder(KEY)
			.clock(this.clock)
			.maxAge(Duration.ofHours(1))
			.maxFutureSkew(Duration.ofMinutes(1))
			.tokenStore(store)
			.build();
		custom.markProcessed(custom.verify(signed(NOW, TOKEN)));
		assertThat(calls).containsExactly("isSeen " + TOKEN, "markSeen " + TOKEN + " PT1H1M1S");
		assertThat(custom.tokenStore()).isSameAs(store);
	}

	@Test
	void claimsCommitsAndReleasesThroughTheStoreWithTheLeaseAndTheTokenTtl() {
		RecordingStore store = new RecordingStore(this.clock);
		List<String> calls = store.calls;
		WebhookSignatureVerifier custom = WebhookSignatureVerifier.builder(KEY)
			.clock(this.clock)
			.maxAge(Duration.ofHours(1))
			.maxFutureSkew(Duration.ofMinutes(1))
			.claimLease(Duration.ofSeconds(20))
			.tokenStore(store)
			.build();
		WebhookVerification verification = custom.verify(signed(NOW, TOKEN));
		assertThat(custom.claim(verification)).isEqualTo(WebhookTokenStore.Claim.CLAIMED);
		assertThat(custom.claim(verification)).isEqualTo(WebhookTokenStore.Claim.IN_PROGRESS);
		custom.release(verification);
		assertThat(custom.claim(verification)).isEqualTo(WebhookTokenStore.Claim.CLAIMED);
		assertThat(custom.commit(verification)).isTrue();
		assertRejected(() -> custom.verify(signed(NOW, TOKEN)), Reason.REPLAYED_TOKEN);
		assertThat(calls).containsExactly("isSeen " + TOKEN, "claim " + TOKEN + " PT20S PT1H1M1S", "claim " + TOKEN + " PT20S PT1H1M1S",
				"release " + TOKEN, "claim " + TOKEN + " PT20S PT1H1M1S", "commit " + TOKEN + " PT1H1M1S",
				"isSeen " + TOKEN);
		assertThat(custom.claimLease()).isEqualTo(Duration.ofSeconds(20));
		assertThat(this.verifier.claimLease()).isEqualTo(WebhookSignatureVerifier.DEFAULT_CLAIM_LEASE)
			.isEqualTo(Duration.ofMinutes(1));
		assertThat(custom.toString()).contains("claimLease=PT20S");
	}

	@Test
	void defaultStoreIsBoundedAndFollowsTheVerifiersClock() {
		assertThat(this.verifier.tokenStore()).isInstanceOfSatisfying(InMemoryWebhookTokenStore.class,
				(store) -> assertThat(store.maxEntries()).isEqualTo(InMemoryWebhookTokenStore.DEFAULT_MAX_ENTRIES));
		this.verifier.markProcessed(this.verifier.verify(signed(NOW, TOKEN)));
		this.clock.advance(this.verifier.tokenTtl());
		assertThat(this.verifier.tokenStore().isSeen(TOKEN)).isFalse();
	}

	@Test
	void acceptsAParentSignatureOfTheConfiguredParentKey() {
		WebhookSignatureVerifier parent = WebhookSignatureVerifier.builder(KEY)
			.parentSigningKey(PARENT_KEY)
			.clock(this.clock)
			.build();
		String timestamp = Long.toString(NOW);
		WebhookSignature signature = new WebhookSignature(timestamp, TOKEN, sign("subaccount-key", timestamp, TOKEN),
				sign(PARENT_KEY, timestamp, TOKEN));
		WebhookVerification verification = parent.verify(signature);
		assertThat(verification.signedByParent()).isTrue();
		assertRejected(() -> this.verifier.verify(signature), Reason.BAD_SIGNATURE);
	}

	@Test
	void prefersTheOwnSignatureWhenBothMatch() {
		WebhookSignatureVerifier parent = WebhookSignatureVerifier.builder(KEY)
			.parentSigningKey(PARENT_KEY)
			.clock(this.clock)
			.build();
		String timestamp = Long.toString(NOW);
		WebhookSignature signature = new WebhookSignature(timestamp, TOKEN, sign(KEY, timestamp, TOKEN),
				sign(PARENT_KEY, timestamp, TOKEN));
		assertThat(parent.verify(signature).signedByParent()).isFalse();
	}

	@Test
	void rejectsAParentSignatureOfAnotherKey() {
		WebhookSignatureVerifier parent = WebhookSignatureVerifier.builder(KEY)
			.parentSigningKey(PARENT_KEY)
			.clock(this.clock)
			.build();
		String timestamp = Long.toString(NOW);
		WebhookSignature wrongParent = new WebhookSignature(timestamp, TOKEN, sign("subaccount-key", timestamp, TOKEN),
				sign("not-the-parent", timestamp, TOKEN));
		assertRejected(() -> parent.verify(wrongParent), Reason.BAD_SIGNATURE);
		WebhookSignature parentSignedOtherData = new WebhookSignature(timestamp, TOKEN,
				sign("subaccount-key", timestamp, TOKEN), sign(PARENT_KEY, Long.toString(NOW - 1), TOKEN));
		assertRejected(() -> parent.verify(parentSignedOtherData), Reason.BAD_SIGNATURE);
		WebhookSignature noParent = new WebhookSignature(timestamp, TOKEN, sign("subaccount-key", timestamp, TOKEN));
		assertRejected(() -> parent.verify(noParent), Reason.BAD_SIGNATURE);
	}

	@Test
	void rejectsInvalidOptions() {
		assertThatIllegalArgumentException().isThrownBy(() -> WebhookSignatureVerifier.builder("").build());
		assertThatIllegalArgumentException().isThrownBy(() -> WebhookSignatureVerifier.builder("   ").build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebhookSignatureVerifier.builder(KEY).parentSigningKey("").build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebhookSignatureVerifier.builder(KEY).maxAge(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebhookSignatureVerifier.builder(KEY).maxFutureSkew(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WebhookSignatureVerifier.builder(KEY).claimLease(Duration.ZERO));
	}

	@Test
	void rejectsAKeyPaddedWithWhitespaceWithoutNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> WebhookSignatureVerifier.builder(KEY + "\n").build())
			.withMessageContaining("whitespace")
			.withMessageNotContaining(KEY);
	}

	@Test
	void neverShowsTheKeysOrSignatures() {
		WebhookSignatureVerifier parent = WebhookSignatureVerifier.builder(KEY)
			.parentSigningKey(PARENT_KEY)
			.clock(this.clock)
			.build();
		Consumer<String> noSecret = (text) -> assertThat(text).doesNotContain(KEY)
			.doesNotContain(PARENT_KEY)
			.doesNotContain(KNOWN_SIGNATURE);
		noSecret.accept(parent.toString());
		noSecret.accept(this.verifier.toString());
		noSecret.accept(WebhookSignatureVerifier.builder(KEY).parentSigningKey(PARENT_KEY).toString());
		assertThat(parent.toString()).contains("******").contains("PT9H");
		WebhookSignature signature = new WebhookSignature("1529006854", TOKEN, KNOWN_SIGNATURE, KNOWN_SIGNATURE);
		noSecret.accept(signature.toString());
		assertThat(signature.toString()).contains(TOKEN).contains("parentSignature=present");

		List<WebhookVerificationException> failures = new ArrayList<>();
		List<ThrowingCallable> attempts = List.of(
				() -> parent.verify(new WebhookSignature("1529006854", TOKEN, KNOWN_SIGNATURE.replace('2', '3'))),
				() -> parent.verify(new WebhookSignature("x", TOKEN, KNOWN_SIGNATURE)),
				() -> parent.verify(signed(NOW - 86_400, TOKEN)), () -> parent.verify(signed(NOW + 86_400, TOKEN)),
				() -> {
					parent.verifyAndMarkProcessed(new WebhookSignature("1529006854", TOKEN, KNOWN_SIGNATURE));
					parent.verify(new WebhookSignature("1529006854", TOKEN, KNOWN_SIGNATURE));
				});
		for (ThrowingCallable attempt : attempts) {
			try {
				attempt.call();
			}
			catch (WebhookVerificationException ex) {
				failures.add(ex);
			}
			catch (Throwable ex) {
				throw new AssertionError(ex);
			}
		}
		assertThat(failures).extracting(WebhookVerificationException::getReason)
			.containsExactly(Reason.BAD_SIGNATURE, Reason.MALFORMED, Reason.STALE_TIMESTAMP, Reason.FUTURE_TIMESTAMP,
					Reason.REPLAYED_TOKEN);
		for (WebhookVerificationException failure : failures) {
			noSecret.accept(failure.getMessage());
			noSecret.accept(failure.toString());
		}
	}

	private static void assertRejected(ThrowingCallable call, Reason reason) {
		assertThatExceptionOfType(WebhookVerificationException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(reason));
	}

	/**
	 * A store in memory that records every call with its arguments.
	 */
	private static final class RecordingStore implements WebhookTokenStore {

		final List<String> calls = new ArrayList<>();

		private final InMemoryWebhookTokenStore backing;

		RecordingStore(MutableClock clock) {
			this.backing = new InMemoryWebhookTokenStore(10, clock);
		}

		@Override
		public boolean isSeen(String token) {
			this.calls.add("isSeen " + token);
			return this.backing.isSeen(token);
		}

		@Override
		public boolean markSeen(String token, Duration ttl) {
			this.calls.add("markSeen " + token + " " + ttl);
			return this.backing.markSeen(token, ttl);
		}

		@Override
		public Claim claim(String token, Duration lease, Duration ttl) {
			this.calls.add("claim " + token + " " + lease + " " + ttl);
			return this.backing.claim(token, lease, ttl);
		}

		@Override
		public boolean commit(String token, Duration ttl) {
			this.calls.add("commit " + token + " " + ttl);
			return this.backing.commit(token, ttl);
		}

		@Override
		public void release(String token) {
			this.calls.add("release " + token);
			this.backing.release(token);
		}

	}

}
