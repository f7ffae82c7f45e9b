package io.github.springmailgun;

import java.time.Duration;

import io.github.springmailgun.error.MailgunServerException;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.testing.LoopbackMailgun;
import io.github.springmailgun.testing.LoopbackMailgun.Recorded;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.reactive.function.client.WebClient;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Resending a stored message ({@code POST /v3/domains/{domain}/messages/{storage_key}}): a send, so never
 * repeated once it may have reached Mailgun, observed as one, and bound by the storage-URL rule.
 */
class ResendTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	@AfterEach
	void stop() {
		this.mailgun.close();
	}

	@Test
	void resendsByStorageKeyToTheGivenRecipients() {
		this.mailgun.accept();
		SendResponse response = this.mailgun.client()
			.resend("AgEFLqnGc3...k=", "a@example.com", "Bob <b@example.com>")
			.block(TIMEOUT);

		assertThat(response.messageId()).isEqualTo("20261128.1.ABC@mg.example.com");
		Recorded request = this.mailgun.take();
		assertThat(request.request().getMethod()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/v3/domains/mg.example.com/messages/AgEFLqnGc3...k%3D");
		assertThat(LoopbackMailgun.multipartFields(request.request())).containsExactly(
				java.util.Map.entry("to", java.util.List.of("a@example.com", "Bob <b@example.com>")));
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void resendsByStorageUrl() {
		this.mailgun.accept();
		String url = this.mailgun.baseUrl() + "/v3/domains/example.org/messages/eyJwI...";
		this.mailgun.client().messages().resend(url, "a@example.com").block(TIMEOUT);
		assertThat(this.mailgun.take().path()).isEqualTo("/v3/domains/example.org/messages/eyJwI...");
	}

	@Test
	void blockingFacadeResends() {
		this.mailgun.accept();
		BlockingMailgunOperations blocking = new BlockingMailgunOperations(this.mailgun.client(), TIMEOUT);
		assertThat(blocking.resend("KEY", "a@example.com").messageId()).isEqualTo("20261128.1.ABC@mg.example.com");
		assertThat(this.mailgun.take().path()).isEqualTo("/v3/domains/mg.example.com/messages/KEY");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v5/accounts/http_signing_key", "/v3/domains/mg.example.com/messages/KEY?to=x",
			"/v3/domains/mg.example.com/messages/%2e%2e/%2e%2e/%2e%2e/v5/accounts/http_signing_key" })
	void storageUrlsOfAnyOtherShapeAreRefusedBeforeAnyRequest(String path) {
		assertThatThrownBy(() -> this.mailgun.client().resend(this.mailgun.baseUrl() + path, "a@example.com").block(TIMEOUT))
			.isInstanceOfSatisfying(MailgunValidationException.class,
					ex -> assertThat(ex.getParameter()).isEqualTo("storage.url"));
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void recipientsAreRequired() {
		assertThatThrownBy(() -> this.mailgun.client().resend("KEY").block(TIMEOUT))
			.isInstanceOfSatisfying(MailgunValidationException.class, ex -> assertThat(ex.getParameter()).isEqualTo("to"));
		assertThatThrownBy(() -> this.mailgun.client().resend("KEY", "a@example.com\r\nBcc: x@example.com").block(TIMEOUT))
			.isInstanceOfSatisfying(MailgunValidationException.class, ex -> assertThat(ex.getParameter()).isEqualTo("to"));
		assertThatThrownBy(() -> this.mailgun.client().resend("..", "a@example.com").block(TIMEOUT))
			.isInstanceOf(MailgunValidationException.class);
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void aResendThatMayHaveReachedMailgunIsNotRepeated() {
		this.mailgun.respond(503, "{\"message\":\"unavailable\"}").accept();
		MailgunTemplate client = new MailgunTemplate(this.mailgun.settings().retry(MailgunRetryPolicy.DEFAULT).build());
		assertThatThrownBy(() -> client.resend("KEY", "a@example.com").block(TIMEOUT))
			.isInstanceOfSatisfying(MailgunServerException.class, ex -> assertThat(ex.getStatusCode()).isEqualTo(503));
		this.mailgun.take();
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void isObservedAsASendWithTheOperationResend() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.mailgun.accept();
		new MailgunTemplate(this.mailgun.settings().build(), WebClient.builder(), registry)
			.resend("KEY", "a@example.com", "b@example.com")
			.block(TIMEOUT);
		assertThat(registry).hasObservationWithNameEqualTo("mailgun.send")
			.that()
			.hasLowCardinalityKeyValue("mailgun.operation", "resend")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasHighCardinalityKeyValue("mailgun.message.id", "20261128.1.ABC@mg.example.com");
	}

}
