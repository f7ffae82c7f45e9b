package io.github.springmailgun.boot.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.springmailgun.autoconfigure.webhook.SignedWebhooks;
import io.github.springmailgun.webhook.InMemoryWebhookTokenStore;
import io.github.springmailgun.webhook.MailgunLegacyWebhookEvent;
import io.github.springmailgun.webhook.MailgunWebhookEvent;
import io.github.springmailgun.webhook.WebhookPayloadParser;
import io.github.springmailgun.webhook.WebhookSignatureVerifier;
import io.github.springmailgun.webhook.WebhookTokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;

import static io.github.springmailgun.autoconfigure.webhook.SignedWebhooks.SIGNING_KEY;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class MailgunWebhookHandlerTests {

	private final InMemoryWebhookTokenStore store = new InMemoryWebhookTokenStore();

	private final List<Object> published = new CopyOnWriteArrayList<>();

	private volatile boolean listenerFails;

	private final ApplicationEventPublisher publisher = (event) -> {
		if (this.listenerFails) {
			throw new IllegalStateException("listener failed");
		}
		this.published.add(event);
	};

	private final MailgunWebhookHandler handler = handler(this.store);

	private MailgunWebhookHandler handler(WebhookTokenStore store) {
		return new MailgunWebhookHandler(WebhookSignatureVerifier.builder(SIGNING_KEY).tokenStore(store).build(),
				new WebhookPayloadParser(), this.publisher);
	}

	private static byte[] delivered(String token) {
		return SignedWebhooks.json("delivered.json", SIGNING_KEY, token).getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void publishesThenMarksTheToken() {
		String token = SignedWebhooks.token();
		ApplicationEventPublisher checking = (event) -> {
			// The token is still unmarked while listeners run.
			assertThat(this.store.isSeen(token)).isFalse();
			this.published.add(event);
		};
		MailgunWebhookHandler handler = new MailgunWebhookHandler(
				WebhookSignatureVerifier.builder(SIGNING_KEY).tokenStore(this.store).build(), new WebhookPayloadParser(),
				checking);

		assertThat(handler.handle(delivered(token), "application/json")).isEqualTo(HttpStatus.OK);

		assertThat(this.published).singleElement().isInstanceOf(MailgunWebhookEvent.class);
		assertThat(this.store.isSeen(token)).isTrue();
	}

	@Test
	void claimIsTheOnlyReadOfTheStoreAndStillAnswersAReplayWith406() {
		AtomicInteger reads = new AtomicInteger();
		WebhookTokenStore store = new WebhookTokenStore() {

			@Override
			public boolean isSeen(String token) {
				reads.incrementAndGet();
				return MailgunWebhookHandlerTests.this.store.isSeen(token);
			}

			@Override
			public boolean markSeen(String token, Duration ttl) {
				return MailgunWebhookHandlerTests.this.store.markSeen(token, ttl);
			}

			@Override
			public Claim claim(String token, Duration lease, Duration ttl) {
				return MailgunWebhookHandlerTests.this.store.claim(token, lease, ttl);
			}

			@Override
			public boolean commit(String token, Duration ttl) {
				return MailgunWebhookHandlerTests.this.store.commit(token, ttl);
			}

		};
		MailgunWebhookHandler handler = handler(store);
		String token = SignedWebhooks.token();

		assertThat(handler.handle(delivered(token), "application/json")).isEqualTo(HttpStatus.OK);
		assertThat(handler.handle(delivered(token), "application/json")).isEqualTo(HttpStatus.NOT_ACCEPTABLE);

		// With a shared store each read is a round trip (a Redis GET before the claim's SET NX).
		assertThat(reads).hasValue(0);
		assertThat(this.published).hasSize(1);
	}

	@Test
	void listenerFailureAnswers500AndLeavesTheTokenUnmarked() {
		String token = SignedWebhooks.token();
		this.listenerFails = true;

		assertThat(this.handler.handle(delivered(token), "application/json"))
			.isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(this.store.isSeen(token)).isFalse();

		this.listenerFails = false;
		assertThat(this.handler.handle(delivered(token), "application/json")).isEqualTo(HttpStatus.OK);
		assertThat(this.handler.handle(delivered(token), "application/json")).isEqualTo(HttpStatus.NOT_ACCEPTABLE);
		assertThat(this.published).hasSize(1);
	}

	@Test
	void mapsEveryRejectionToItsStatus() {
		String token = SignedWebhooks.token();
		assertThat(this.handler.handle(
				SignedWebhooks.json("delivered.json", "other-key", token).getBytes(StandardCharsets.UTF_8), null))
			.isEqualTo(HttpStatus.NOT_ACCEPTABLE);
		assertThat(this.handler.handle(SignedWebhooks
			.json("delivered.json", SIGNING_KEY, SignedWebhooks.timestamp(Duration.ofHours(-10)), token)
			.getBytes(StandardCharsets.UTF_8), "application/json")).isEqualTo(HttpStatus.NOT_ACCEPTABLE);
		assertThat(this.handler.handle(SignedWebhooks
			.json("delivered.json", SIGNING_KEY, SignedWebhooks.timestamp(Duration.ofMinutes(10)), token)
			.getBytes(StandardCharsets.UTF_8), "application/json")).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.handler.handle("{".getBytes(StandardCharsets.UTF_8), "application/json"))
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.handler.handle(new byte[0], "application/json")).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.handler.handle("null".getBytes(StandardCharsets.UTF_8), "application/json"))
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.handler.handle(SignedWebhooks.json("delivered.json", SIGNING_KEY, "1529006854x", token)
			.getBytes(StandardCharsets.UTF_8), "application/json")).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.handler.handle("%zz=1".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded"))
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.handler.handle(delivered(token), "multipart/form-data; boundary=x"))
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(this.handler.handle(delivered(token), "not a media type"))
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(this.published).isEmpty();
		assertThat(this.store.size()).isZero();
	}

	@Test
	void theBodyDecidesWhenTheContentTypeIsVague() {
		assertThat(this.handler.handle(delivered(SignedWebhooks.token()), null)).isEqualTo(HttpStatus.OK);
		assertThat(this.handler.handle(delivered(SignedWebhooks.token()), "text/plain; charset=utf-8"))
			.isEqualTo(HttpStatus.OK);
		assertThat(this.handler.handle(delivered(SignedWebhooks.token()), "application/json; charset=UTF-8"))
			.isEqualTo(HttpStatus.OK);
		assertThat(this.published).hasSize(3);
	}

	@Test
	void legacyFormFromBytesOrFromDecodedFields() {
		String form = SignedWebhooks.legacyForm(SIGNING_KEY, SignedWebhooks.token());
		assertThat(this.handler.handle(form.getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded"))
			.isEqualTo(HttpStatus.OK);

		String timestamp = SignedWebhooks.timestamp(Duration.ZERO);
		String token = SignedWebhooks.token();
		Map<String, List<String>> fields = Map.of("event", List.of("opened"), "timestamp", List.of(timestamp), "token",
				List.of(token), "signature", List.of(SignedWebhooks.sign(SIGNING_KEY, timestamp, token)));
		assertThat(this.handler.handleForm(fields)).isEqualTo(HttpStatus.OK);
		assertThat(this.handler.handleForm(fields)).isEqualTo(HttpStatus.NOT_ACCEPTABLE);
		assertThat(this.handler.handleForm(Map.of("event", List.of("opened")))).isEqualTo(HttpStatus.BAD_REQUEST);

		assertThat(this.published).hasSize(2).allSatisfy((event) -> assertThat(event)
			.isInstanceOf(MailgunLegacyWebhookEvent.class));
		assertThat(((MailgunLegacyWebhookEvent) this.published.get(1)).webhook().event()).isEqualTo("opened");
	}

	@Test
	void tokenStoreFailureWhileVerifyingAnswers503SoThatMailgunRetries(CapturedOutput output) {
		WebhookTokenStore down = new WebhookTokenStore() {
			@Override
			public boolean isSeen(String token) {
				throw new IllegalStateException("Redis is down");
			}

			@Override
			public boolean markSeen(String token, Duration ttl) {
				throw new IllegalStateException("Redis is down");
			}
		};

		assertThat(handler(down).handle(delivered(SignedWebhooks.token()), "application/json"))
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.published).isEmpty();
		assertThat(output).contains("WARN").contains("answering 503 so that Mailgun retries");
	}

	@Test
	void tokenStoreFailureWhileClaimingAnswers503(CapturedOutput output) {
		WebhookTokenStore cannotClaim = new WebhookTokenStore() {
			@Override
			public boolean isSeen(String token) {
				return false;
			}

			@Override
			public boolean markSeen(String token, Duration ttl) {
				return true;
			}

			@Override
			public Claim claim(String token, Duration lease, Duration ttl) {
				throw new IllegalStateException("Redis is down");
			}
		};

		assertThat(handler(cannotClaim).handle(delivered(SignedWebhooks.token()), "application/json"))
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.published).isEmpty();
		assertThat(output).contains("Could not claim Mailgun webhook");
	}

	@Test
	void aFailedReleaseIsLoggedAndStillAnswers500(CapturedOutput output) {
		WebhookTokenStore cannotRelease = new WebhookTokenStore() {
			@Override
			public boolean isSeen(String token) {
				return false;
			}

			@Override
			public boolean markSeen(String token, Duration ttl) {
				return true;
			}

			@Override
			public void release(String token) {
				throw new IllegalStateException("Redis is down");
			}
		};
		this.listenerFails = true;

		assertThat(handler(cannotRelease).handle(delivered(SignedWebhooks.token()), "application/json"))
			.isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(output).contains("could not release its claim");
	}

	@Test
	void tokenStoreFailureAfterTheListenersStillAnswers200(CapturedOutput output) {
		WebhookTokenStore cannotMark = new WebhookTokenStore() {
			@Override
			public boolean isSeen(String token) {
				return false;
			}

			@Override
			public boolean markSeen(String token, Duration ttl) {
				throw new IllegalStateException("Redis is down");
			}
		};

		// The event was handled: a 5xx would make Mailgun deliver it again for certain.
		assertThat(handler(cannotMark).handle(delivered(SignedWebhooks.token()), "application/json"))
			.isEqualTo(HttpStatus.OK);
		assertThat(this.published).hasSize(1);
		assertThat(output).contains("could not mark it as processed");
	}

	@Test
	void aDeliveryThatOverlapsOneWhoseListenersRunIsAnswered503AndTheListenersRunOnce() {
		String token = SignedWebhooks.token();
		List<HttpStatus> overlapping = new CopyOnWriteArrayList<>();
		MailgunWebhookHandler[] handler = new MailgunWebhookHandler[1];
		// Mailgun delivers the same event again while this delivery's listeners run.
		ApplicationEventPublisher listener = (event) -> {
			overlapping.add(handler[0].handle(delivered(token), "application/json"));
			this.published.add(event);
		};
		handler[0] = new MailgunWebhookHandler(
				WebhookSignatureVerifier.builder(SIGNING_KEY).tokenStore(this.store).build(), new WebhookPayloadParser(),
				listener);

		assertThat(handler[0].handle(delivered(token), "application/json")).isEqualTo(HttpStatus.OK);
		assertThat(overlapping).containsExactly(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.published).hasSize(1);
		assertThat(handler[0].handle(delivered(token), "application/json")).isEqualTo(HttpStatus.NOT_ACCEPTABLE);
	}

	@Test
	void badSignaturesWarnOnceAMinuteWithoutSecrets(CapturedOutput output) {
		for (int i = 0; i < 3; i++) {
			String token = SignedWebhooks.token();
			this.handler.handle(SignedWebhooks.json("delivered.json", "other-key", token).getBytes(StandardCharsets.UTF_8),
					"application/json");
		}

		assertThat(output.toString().split("mailgun.webhooks.signing-key is the HTTP webhook signing key", -1))
			.hasSize(2);
		assertThat(output).doesNotContain(SIGNING_KEY).doesNotContain("other-key");
	}

}
