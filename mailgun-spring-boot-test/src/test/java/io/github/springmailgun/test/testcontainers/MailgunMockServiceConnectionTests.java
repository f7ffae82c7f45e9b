package io.github.springmailgun.test.testcontainers;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.autoconfigure.MailgunConnectionDetails;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.message.StoredMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's {@code @SpringBootTest} with the mock as a {@code @ServiceConnection} container and no
 * {@code mailgun.*} properties at all: the starter's client sends to the container.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = MailgunMockServiceConnectionTests.ShopApplication.class)
class MailgunMockServiceConnectionTests {

	@Container
	@ServiceConnection
	static final MailgunMockContainer mailgun = new MailgunMockContainer().withDomain("mg.shop.test");

	@Autowired
	MailgunOperations operations;

	@Autowired
	MailgunConnectionDetails connectionDetails;

	@Autowired
	MailgunClientSettings settings;

	@Test
	void theStarterSendsToTheContainer() {
		assertThat(this.connectionDetails.getBaseUrl()).isEqualTo(mailgun.getBaseUrl());
		assertThat(this.settings.baseUrl()).isEqualTo(mailgun.getBaseUrl());
		assertThat(this.settings.domain()).isEqualTo("mg.shop.test");

		SendResponse sent = this.operations.send(MailgunMessage.builder()
			.from("Shop <shop@mg.shop.test>")
			.to("alice@example.com")
			.subject("Welcome!")
			.html("<h1>Welcome</h1>")
			.build()).block();

		assertThat(sent.id()).endsWith("@mg.shop.test>");
		StoredMessage stored = this.operations.storedMessage(mailgun.findStorageKey(sent.id()).orElseThrow()).block();
		assertThat(stored.subject()).isEqualTo("Welcome!");
		assertThat(stored.bodyHtml()).isEqualTo("<h1>Welcome</h1>");
	}

	@SpringBootApplication
	static class ShopApplication {

	}

}
