package io.github.springmailgun.test.inboundapp;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.springmailgun.test.MailgunMockServer;
import io.github.springmailgun.test.MockInboundDelivery;
import io.github.springmailgun.test.autoconfigure.AutoConfigureMailgunMock;
import io.github.springmailgun.test.autoconfigure.MockOutboxController;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receive form of the outbox page in a user's local mode: a browser's urlencoded post of the form is
 * received by the mock, the routes post it to the application's inbound endpoint, and the page shows
 * where it was posted and how that went, escaping what it echoes.
 */
@SpringBootTest(classes = { SupportInboxApplication.class, MockOutboxController.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mailgun.domain=mg.example.com", "mailgun.webhooks.signing-key=app-signing-key",
				"mailgun.inbound.path=/mailgun/inbound" })
@AutoConfigureMailgunMock
class OutboxReceiveFormTests {

	@Autowired
	MailgunMockServer mock;

	@Autowired
	SupportInboxApplication.Inbox inbox;

	@LocalServerPort
	int port;

	@BeforeEach
	void emptyInbox() {
		this.inbox.messages.clear();
		this.inbox.files.clear();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private HttpResponse<String> submit(String... pairs) throws Exception {
		StringBuilder form = new StringBuilder();
		for (int i = 0; i < pairs.length; i += 2) {
			form.append((form.length() > 0) ? "&" : "")
				.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
		}
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url("/outbox")))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html,application/xhtml+xml")
				.POST(HttpRequest.BodyPublishers.ofString(form.toString()))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void theOutboxPageHasTheReceiveForm() throws Exception {
		String page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url("/outbox"))).build(), HttpResponse.BodyHandlers.ofString())
			.body();

		assertThat(page).contains("<form method=\"post\"", "name=\"from\"", "name=\"to\"", "name=\"subject\"",
				"name=\"text\"", "name=\"html\"", "value=\"support@mg.example.com\"");
	}

	@Test
	void aSubmittedFormIsReceivedAndPostedWhereTheRoutesSay() throws Exception {
		this.mock.inboundRoutes()
			.create(0, "support", "match_recipient(\"support@mg.example.com\")",
					List.of("forward(\"" + url("/mailgun/inbound") + "\")", "forward(\"ops@example.com\")"));

		HttpResponse<String> answer = submit("from", "jane@example.com", "to", "support@mg.example.com", "subject",
				"Help <script>alert(1)</script>", "text", "It broke.", "html", "");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		List<MockInboundDelivery> deliveries = this.mock.inbound().awaitDeliveries(2, Duration.ofSeconds(10));
		assertThat(deliveries).extracting(MockInboundDelivery::target)
			.containsExactlyInAnyOrder(url("/mailgun/inbound"), "ops@example.com");
		assertThat(this.inbox.messages).singleElement().satisfies((message) -> {
			assertThat(message.subject()).isEqualTo("Help <script>alert(1)</script>");
			assertThat(message.bodyPlain()).isEqualTo("It broke.");
			// An empty HTML field is no HTML body.
			assertThat(message.bodyHtml()).isNull();
		});
		String page = answer.body();
		assertThat(page).contains("id=\"received\"", "1 route matched", url("/mailgun/inbound"), "200",
				"ops@example.com")
			.contains("Help &lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)");
	}

	@Test
	void aFormNoRouteMatchesSaysSo() throws Exception {
		HttpResponse<String> answer = submit("from", "jane@example.com", "to", "nobody@mg.example.com", "subject",
				"Hi", "text", "Hello");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("No route matched", "nobody@mg.example.com");
		assertThat(this.mock.inbound().deliveries()).isEmpty();
	}

	@Test
	void aFormWithoutRecipientIsNotReceived() throws Exception {
		HttpResponse<String> answer = submit("from", "jane@example.com", "to", " ", "text", "Hello");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("class=\"error\"", "From and To are required");
		assertThat(this.mock.inbound().deliveries()).isEmpty();
	}

}
