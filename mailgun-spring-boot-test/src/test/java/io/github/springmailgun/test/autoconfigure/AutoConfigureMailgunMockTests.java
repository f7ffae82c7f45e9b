package io.github.springmailgun.test.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.test.MailgunMockServer;
import io.github.springmailgun.test.MockFault;
import io.github.springmailgun.test.MockMessage;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's test: the controller sends through the starter to the mock, with no Mailgun properties but
 * the domain, and the test asserts what was sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mailgun.domain=mg.myapp.example", "mailgun.webhooks.signing-key=app-signing-key" })
@AutoConfigureMailgunMock
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureMailgunMockTests {

	@Autowired
	MailgunMockServer mailgun;

	@Autowired
	MailgunClientSettings settings;

	@LocalServerPort
	int port;

	private HttpResponse<String> signup(String email) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/signup?email=" + email))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	@Order(1)
	void controllerSendsToTheMock() throws Exception {
		HttpResponse<String> response = signup("alice@example.com");

		assertThat(response.statusCode()).isEqualTo(200);
		MockMessage sent = this.mailgun.awaitMessages(1, Duration.ofSeconds(5)).get(0);
		assertThat(sent.to()).containsExactly("alice@example.com");
		assertThat(sent.subject()).isEqualTo("Welcome!");
		assertThat(sent.tags()).containsExactly("signup");
		assertThat(sent.domain()).isEqualTo("mg.myapp.example");
		assertThat(response.body()).isEqualTo(sent.messageId());
		assertThat(this.settings.baseUrl()).isEqualTo(this.mailgun.baseUrl());
		// The mock signs webhooks with the key the application's endpoint verifies them with.
		assertThat(this.mailgun.webhooks().signingKey()).isEqualTo("app-signing-key");
	}

	@Test
	@Order(2)
	void theMockIsResetBetweenTests() throws Exception {
		assertThat(this.mailgun.sentMessages()).isEmpty();
		this.mailgun.failNext(MockFault.serviceUnavailable());
		assertThat(signup("bob@example.com").statusCode()).isEqualTo(500);
		assertThat(this.mailgun.sentMessages()).isEmpty();
		assertThat(signup("bob@example.com").statusCode()).isEqualTo(200);
		assertThat(this.mailgun.lastMessage().to()).containsExactly("bob@example.com");
	}

}
