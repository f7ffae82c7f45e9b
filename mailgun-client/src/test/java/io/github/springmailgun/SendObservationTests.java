package io.github.springmailgun;

import io.github.springmailgun.testing.LoopbackMailgun;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.MimeMessageRequest;
import io.github.springmailgun.observation.DefaultMailgunSendObservationConvention;
import io.github.springmailgun.observation.MailgunSendObservationContext;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every send is a {@code mailgun.send} observation with the documented keys.
 */
class SendObservationTests {

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	@AfterEach
	void stop() {
		this.mailgun.close();
	}

	private MailgunTemplate client() {
		return new MailgunTemplate(this.mailgun.settings().build(),
				org.springframework.web.reactive.function.client.WebClient.builder(), this.registry);
	}

	private static MailgunMessage message() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com", "b@example.com").subject("s").text("t").build();
	}

	@Test
	void successfulSendIsObservedWithItsKeys() {
		this.mailgun.accept();
		client().send(message()).block();
		assertThat(this.registry).hasObservationWithNameEqualTo("mailgun.send")
			.that()
			.hasContextualNameEqualTo("mailgun messages")
			.hasLowCardinalityKeyValue("mailgun.domain", "mg.example.com")
			.hasLowCardinalityKeyValue("mailgun.operation", "messages")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS")
			.hasLowCardinalityKeyValue("status", "200")
			.hasLowCardinalityKeyValue("error", "none")
			.hasHighCardinalityKeyValue("mailgun.message.id", "20261128.1.ABC@mg.example.com")
			.hasBeenStarted()
			.hasBeenStopped();
	}

	@Test
	void failedSendIsObservedWithStatusAndError() {
		this.mailgun.respond(400, "{\"message\":\"bad\"}");
		assertThatThrownBy(() -> client().send(message()).block()).isNotNull();
		assertThat(this.registry).hasObservationWithNameEqualTo("mailgun.send")
			.that()
			.hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
			.hasLowCardinalityKeyValue("status", "400")
			.hasLowCardinalityKeyValue("error", "MailgunBadRequestException")
			.hasError();
	}

	@Test
	void mimeSendIsObservedAsMime() {
		this.mailgun.accept();
		client().sendMime(MimeMessageRequest.builder().to("a@example.com").message("x".getBytes()).build()).block();
		assertThat(this.registry).hasObservationWithNameEqualTo("mailgun.send")
			.that()
			.hasLowCardinalityKeyValue("mailgun.operation", "mime");
	}

	@Test
	void retriesAreVisibleAsEvents() {
		this.mailgun.respond(429, "{\"message\":\"x\"}", "Retry-After", "0").accept();
		MailgunTemplate client = new MailgunTemplate(this.mailgun.settings().retry(MailgunRetryPolicy.DEFAULT).build(),
				org.springframework.web.reactive.function.client.WebClient.builder(), this.registry);
		client.send(message()).block();
		assertThat(this.registry).hasObservationWithNameEqualTo("mailgun.send")
			.that()
			.hasEvent("retry")
			.hasLowCardinalityKeyValue("outcome", "SUCCESS");
	}

	@Test
	void aCustomConventionReplacesTheDefault() {
		this.mailgun.accept();
		MailgunTemplate client = client();
		client.setObservationConvention(new DefaultMailgunSendObservationConvention() {
			@Override
			public String getName() {
				return "custom.send";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(MailgunSendObservationContext context) {
				return super.getLowCardinalityKeyValues(context).and("team", "growth");
			}
		});
		client.send(message()).block();
		assertThat(this.registry).hasObservationWithNameEqualTo("custom.send")
			.that()
			.hasLowCardinalityKeyValue("team", "growth")
			.hasLowCardinalityKeyValue("mailgun.operation", "messages");
	}

	@Test
	void forDomainViewsAreObservedWithTheirDomain() {
		this.mailgun.accept();
		client().forDomain("news.example.org").send(message()).block();
		assertThat(this.registry).hasObservationWithNameEqualTo("mailgun.send")
			.that()
			.hasLowCardinalityKeyValue("mailgun.domain", "news.example.org");
	}

}
