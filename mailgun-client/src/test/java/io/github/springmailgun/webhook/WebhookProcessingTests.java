package io.github.springmailgun.webhook;

import java.time.Duration;

import io.github.springmailgun.webhook.WebhookVerificationException.Reason;
import org.junit.jupiter.api.Test;

import static io.github.springmailgun.webhook.WebhookSignatures.KEY;
import static io.github.springmailgun.webhook.WebhookSignatures.PARENT_KEY;
import static io.github.springmailgun.webhook.WebhookSignatures.TOKEN;
import static io.github.springmailgun.webhook.WebhookSignatures.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The flow the Spring endpoint will follow: parse, verify, run the listeners, then mark the token.
 */
class WebhookProcessingTests {

	private static final String TIMESTAMP = "1529006854";

	private final MutableClock clock = MutableClock.at(1529006854L);

	private final WebhookPayloadParser parser = new WebhookPayloadParser();

	private final WebhookSignatureVerifier verifier = WebhookSignatureVerifier.builder(KEY).clock(this.clock).build();

	@Test
	void aFailedListenerLetsMailgunsRetryThroughAndASuccessfulOneEndsIt() {
		String body = Fixtures.readSigned("failed.json", TIMESTAMP, TOKEN);
		assertThat(handle(body, true)).isEqualTo("listener failed");
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(handle(body, false)).isEqualTo("processed pl271FzxTTmGRW8Uj3dUWw");
		this.clock.advance(Duration.ofMinutes(15));
		assertThatExceptionOfType(WebhookVerificationException.class).isThrownBy(() -> handle(body, false))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.REPLAYED_TOKEN));
	}

	@Test
	void theDocumentedExampleSignatureDoesNotVerifyWithAnotherKey() {
		WebhookPayload payload = this.parser.parse(Fixtures.read("delivered.json"));
		assertThatExceptionOfType(WebhookVerificationException.class)
			.isThrownBy(() -> this.verifier.verify(payload.signature()))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.BAD_SIGNATURE));
	}

	@Test
	void aRetryAfterTheMaximumAgeIsStale() {
		String body = Fixtures.readSigned("delivered.json", TIMESTAMP, TOKEN);
		this.clock.advance(Duration.ofHours(9).plusSeconds(1));
		assertThatExceptionOfType(WebhookVerificationException.class).isThrownBy(() -> handle(body, false))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.STALE_TIMESTAMP));
	}

	@Test
	void aSubaccountEventVerifiesWithTheParentKey() {
		String json = Fixtures.read("opened.json")
			.replace("\"signature\": \"" + Fixtures.DOCUMENTED_SIGNATURE + "\"",
					"\"signature\": \"" + sign("subaccount-key", TIMESTAMP, TOKEN) + "\", \"parent-signature\": \""
							+ sign(PARENT_KEY, TIMESTAMP, TOKEN) + "\"");
		WebhookPayload payload = this.parser.parse(json);
		WebhookSignatureVerifier primary = WebhookSignatureVerifier.builder(KEY)
			.parentSigningKey(PARENT_KEY)
			.clock(this.clock)
			.build();
		assertThat(primary.verifyAndMarkProcessed(payload.signature()).signedByParent()).isTrue();
		assertThatExceptionOfType(WebhookVerificationException.class)
			.isThrownBy(() -> this.verifier.verify(payload.signature()))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.BAD_SIGNATURE));
	}

	private String handle(String body, boolean listenerFails) {
		WebhookPayload payload = this.parser.parse(body);
		WebhookVerification verification = this.verifier.verify(payload.signature());
		try {
			if (listenerFails) {
				throw new IllegalStateException("listener failed");
			}
			String result = "processed " + payload.event().id();
			assertThat(this.verifier.markProcessed(verification)).isTrue();
			return result;
		}
		catch (IllegalStateException ex) {
			// The endpoint answers with an error status: Mailgun retries later with the same token.
			return ex.getMessage();
		}
	}

}
