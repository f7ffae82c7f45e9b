package io.github.springmailgun;

import io.github.springmailgun.testing.LoopbackMailgun;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;

import io.github.springmailgun.error.MailgunRateLimitException;
import io.github.springmailgun.error.MailgunServerException;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retries happen only where they cannot duplicate mail, and within the policy's bounds.
 */
class RetryTests {

	private static final MailgunRetryPolicy FAST = new MailgunRetryPolicy(true, 3, Duration.ofMillis(10), Duration.ofMillis(200),
			Duration.ofSeconds(10), false);

	private static final String RATE_LIMITED = "{\"message\":\"Domain mg.example.com is not allowed to send: account-requests-per-sec limit exceeded, try again after 0.05 seconds\"}";

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	@AfterEach
	void stop() {
		this.mailgun.close();
	}

	private MailgunTemplate client(MailgunRetryPolicy policy) {
		return new MailgunTemplate(this.mailgun.settings().retry(policy).build());
	}

	private static MailgunMessage.Builder message() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").subject("s").text("t");
	}

	@Test
	void rateLimitedSendIsRetriedAfterTheHintAndSucceeds() {
		this.mailgun.respond(429, RATE_LIMITED).accept();
		SendResponse response = client(FAST).send(message().build()).block();
		assertThat(response.id()).startsWith("<");
		assertThat(this.mailgun.requestCount()).isEqualTo(2);
	}

	@Test
	void retryAfterAndRateLimitResetHeadersAreHonoured() {
		this.mailgun.respond(429, "{\"message\":\"x\"}", "Retry-After", "0")
			.respond(429, "{\"message\":\"x\"}", "X-RateLimit-Reset",
					Double.toString(Instant.now().minusSeconds(1).toEpochMilli() / 1000.0))
			.accept();
		assertThat(client(FAST).send(message().build()).block()).isNotNull();
		assertThat(this.mailgun.requestCount()).isEqualTo(3);
	}

	@Test
	void attemptsAreBounded() {
		for (int i = 0; i < 5; i++) {
			this.mailgun.respond(429, RATE_LIMITED);
		}
		assertThatThrownBy(() -> client(FAST).send(message().build()).block())
			.isInstanceOf(MailgunRateLimitException.class);
		assertThat(this.mailgun.requestCount()).isEqualTo(3);
	}

	@Test
	void aHintLongerThanTheMaximumBackoffFailsAtOnceWithTheHint() {
		this.mailgun.respond(429, "{\"message\":\"limit exceeded, try again after 120 seconds\"}").accept();
		assertThatThrownBy(() -> client(FAST).send(message().build()).block())
			.isInstanceOfSatisfying(MailgunRateLimitException.class,
					ex -> assertThat(ex.getRetryAfter()).contains(Duration.ofSeconds(120)));
		assertThat(this.mailgun.requestCount()).isEqualTo(1);
	}

	@Test
	void sendThatGot500IsNeverRetried() {
		this.mailgun.respond(500, "{\"message\":\"Internal Server Error\"}").accept();
		assertThatThrownBy(() -> client(FAST).send(message().build()).block())
			.isInstanceOfSatisfying(MailgunServerException.class, ex -> assertThat(ex.getStatusCode()).isEqualTo(500));
		assertThat(this.mailgun.requestCount()).isEqualTo(1);
	}

	@Test
	void sendThatGot503IsNotRetriedByDefault() {
		this.mailgun.respond(503, "{\"message\":\"unavailable\"}").accept();
		assertThatThrownBy(() -> client(FAST).send(message().build()).block()).isInstanceOf(MailgunServerException.class);
		assertThat(this.mailgun.requestCount()).isEqualTo(1);
	}

	@Test
	void sendThatGot503IsRetriedWhenTheUserOptsIn() {
		this.mailgun.respond(503, "{\"message\":\"unavailable\"}").respond(502, "bad gateway").accept();
		assertThat(client(FAST.withRetrySendOnServerError(true)).send(message().build()).block()).isNotNull();
		assertThat(this.mailgun.requestCount()).isEqualTo(3);
	}

	@Test
	void optInNeverCoversA500() {
		this.mailgun.respond(500, "{\"message\":\"boom\"}").accept();
		assertThatThrownBy(() -> client(FAST.withRetrySendOnServerError(true)).send(message().build()).block())
			.isInstanceOf(MailgunServerException.class);
		assertThat(this.mailgun.requestCount()).isEqualTo(1);
	}

	@Test
	void idempotentReadIsRetriedOnGatewayErrors() {
		this.mailgun.respond(503, "{\"message\":\"unavailable\"}")
			.respond(200, "{\"From\":\"a@mg.example.com\",\"Subject\":\"Hi\"}");
		assertThat(client(FAST).storedMessage("KEY1").block().subject()).isEqualTo("Hi");
		assertThat(this.mailgun.requestCount()).isEqualTo(2);
	}

	@Test
	void sendWithAStreamIsNeverRetried() {
		this.mailgun.respond(429, RATE_LIMITED).accept();
		MailgunMessage streamed = message()
			.attachment(Attachment.of("a.txt", new ByteArrayInputStream(new byte[] { 1 }), "text/plain"))
			.build();
		assertThat(streamed.isRepeatable()).isFalse();
		assertThatThrownBy(() -> client(FAST).send(streamed).block()).isInstanceOf(MailgunRateLimitException.class);
		assertThat(this.mailgun.requestCount()).isEqualTo(1);
	}

	@Test
	void disabledPolicyNeverRetries() {
		this.mailgun.respond(429, RATE_LIMITED).accept();
		assertThatThrownBy(() -> client(MailgunRetryPolicy.DISABLED).send(message().build()).block())
			.isInstanceOf(MailgunRateLimitException.class);
		assertThat(this.mailgun.requestCount()).isEqualTo(1);
	}

	@Test
	void totalRetryTimeIsBounded() {
		// A 1 s budget and 0.7 s waits: the first retry fits, the second would end past the budget.
		MailgunRetryPolicy shortBudget = new MailgunRetryPolicy(true, 10, Duration.ofMillis(100), Duration.ofSeconds(1),
				Duration.ofSeconds(1), false);
		for (int i = 0; i < 10; i++) {
			this.mailgun.respond(429, "{\"message\":\"x\"}", "Retry-After", "0.7");
		}
		assertThatThrownBy(() -> client(shortBudget).send(message().build()).block())
			.isInstanceOf(MailgunRateLimitException.class);
		assertThat(this.mailgun.requestCount()).isEqualTo(2);
	}

	@Test
	void backoffDoublesUpToTheMaximum() {
		MailgunRetryPolicy policy = new MailgunRetryPolicy(true, 10, Duration.ofMillis(100), Duration.ofMillis(350),
				Duration.ofSeconds(10), false);
		assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(policy.backoff(3)).isEqualTo(Duration.ofMillis(350));
		assertThat(policy.backoff(40)).isEqualTo(Duration.ofMillis(350));
	}

	@Test
	void policyRejectsNonsense() {
		assertThatThrownBy(() -> new MailgunRetryPolicy(true, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, false))
			.hasMessageContaining("max-attempts");
		assertThatThrownBy(() -> new MailgunRetryPolicy(true, 3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO, false))
			.hasMessageContaining("max-backoff");
	}

}
