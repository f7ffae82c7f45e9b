package io.github.springmailgun.test.testcontainers;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.error.MailgunAuthenticationException;
import io.github.springmailgun.error.MailgunNotFoundException;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.message.StoredMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The mock in a container, driven by the real client: the image is built locally, the container answers
 * on its mapped port like the in-process mock, and what was sent can be read back through the API.
 * Skipped, not passed, where no Docker engine runs.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class MailgunMockContainerTests {

	@Container
	static final MailgunMockContainer mailgun = new MailgunMockContainer().withApiKey("key-container-test")
		.withDomain("mg.shop.test")
		.withDomain("mg.other.test");

	private static MailgunTemplate client(String apiKey) {
		return new MailgunTemplate(
				MailgunClientSettings.builder(apiKey, mailgun.getDomain()).baseUrl(mailgun.getBaseUrl()).build());
	}

	private static MailgunMessage message(String subject) {
		return MailgunMessage.builder()
			.from("Shop <shop@mg.shop.test>")
			.to("alice@example.com")
			.subject(subject)
			.text("Your order shipped.")
			.build();
	}

	@Test
	void sendsToTheContainerAndReadsTheStoredMessageBack() {
		assertThat(mailgun.getBaseUrl().getPort()).isEqualTo(mailgun.getMappedPort(MailgunMockContainer.PORT));
		MailgunTemplate client = client(mailgun.getApiKey());

		SendResponse sent = client.send(message("Order shipped")).block();

		assertThat(sent.id()).startsWith("<").endsWith("@mg.shop.test>");
		assertThat(sent.message()).isEqualTo("Queued. Thank you.");
		String storageKey = mailgun.findStorageKey(sent.id()).orElseThrow();
		assertThat(mailgun.findStorageKey(sent.messageId())).contains(storageKey);
		StoredMessage stored = client.storedMessage(storageKey).block();
		assertThat(stored.subject()).isEqualTo("Order shipped");
		assertThat(stored.recipients()).isEqualTo("alice@example.com");
		assertThat(stored.bodyPlain()).isEqualTo("Your order shipped.");
	}

	@Test
	void refusesAWrongKeyAndAnUnknownDomainAsMailgunDoes() {
		assertThatExceptionOfType(MailgunAuthenticationException.class)
			.isThrownBy(() -> client("wrong-key").send(message("x")).block())
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(401))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("wrong-key"));
		assertThatExceptionOfType(MailgunNotFoundException.class)
			.isThrownBy(() -> client(mailgun.getApiKey()).forDomain("mg.unknown.test").send(message("x")).block());
		client(mailgun.getApiKey()).forDomain("mg.other.test").send(message("to the second domain")).block();
		assertThat(mailgun.getLogs()).contains("POST /v3/mg.shop.test/messages -> 401 unauthorized (Forbidden)")
			.contains("POST /v3/mg.unknown.test/messages -> 404 Domain not found: mg.unknown.test")
			.contains("POST /v3/mg.other.test/messages -> 200 ")
			.doesNotContain(mailgun.getApiKey());
	}

	@Test
	void describesItselfWithoutStarting() {
		MailgunMockContainer defaults = new MailgunMockContainer();
		assertThat(defaults.getApiKey()).isEqualTo("test-api-key");
		assertThat(defaults.getDomain()).isEqualTo("mg.example.com");
		assertThat(mailgun.getDomains()).containsExactly("mg.shop.test", "mg.other.test");
		assertThat(mailgun.findStorageKey("<no-such-id@mg.shop.test>")).isEmpty();
	}

}
