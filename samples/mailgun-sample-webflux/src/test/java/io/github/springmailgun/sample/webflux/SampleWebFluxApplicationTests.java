package io.github.springmailgun.sample.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.springmailgun.test.MailgunMockServer;
import io.github.springmailgun.test.MockFault;
import io.github.springmailgun.test.MockMessage;
import io.github.springmailgun.test.autoconfigure.AutoConfigureMailgunMock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the sample over HTTP against the Mailgun mock, as a user's own test would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMailgunMock
class SampleWebFluxApplicationTests {

	@Autowired
	MailgunMockServer mailgun;

	@LocalServerPort
	int port;

	private HttpResponse<String> post(String pathAndQuery) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + pathAndQuery))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	@BeforeEach
	void storeTheWelcomeTemplate() {
		// The mock renders templates, so the one the sample names must exist, as on Mailgun.
		this.mailgun.templates().store(this.mailgun.domain(), "welcome", "<p>Welcome, {{name}}!</p>");
	}

	@Test
	void welcomeMailUsesTheTemplate() throws Exception {
		HttpResponse<String> response = post("/welcome?email=alice@example.com&name=Alice");

		assertThat(response.statusCode()).isEqualTo(200);
		MockMessage sent = this.mailgun.awaitMessages(1, Duration.ofSeconds(5)).get(0);
		assertThat(sent.to()).containsExactly("alice@example.com");
		assertThat(sent.from()).isEqualTo("Sample Shop <shop@mg.example.com>");
		assertThat(sent.template()).isEqualTo("welcome");
		assertThat(sent.templateVariables()).isEqualTo("{\"name\":\"Alice\"}");
		assertThat(sent.tags()).containsExactly("welcome");
		assertThat(sent.renderedHtml()).isEqualTo("<p>Welcome, Alice!</p>");
		assertThat(response.body()).contains(sent.messageId());
	}

	@Test
	void reportCarriesItsAttachment() throws Exception {
		assertThat(post("/report?email=bob@example.com").statusCode()).isEqualTo(200);

		MockMessage sent = this.mailgun.lastMessage();
		assertThat(sent.subject()).isEqualTo("Your daily report");
		assertThat(sent.html()).contains("<h1>Daily report</h1>");
		assertThat(sent.attachment("report.csv")).isNotNull()
			.satisfies(file -> assertThat(file.contentAsString()).startsWith("date,signups"));
	}

	@Test
	void badAddressIsA400AndNothingIsSent() throws Exception {
		HttpResponse<String> response = post("/welcome?email=not-an-address");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"parameter\":\"to\"");
		assertThat(this.mailgun.requestCount()).isZero();
	}

	@Test
	void mailgunOutageIsA502() throws Exception {
		this.mailgun.failNext(MockFault.serverError());
		assertThat(post("/report?email=bob@example.com").statusCode()).isEqualTo(502);
		assertThat(this.mailgun.sentMessages()).isEmpty();
	}

}
