package io.github.springmailgun.sample.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.github.springmailgun.event.DeliveredEvent;
import io.github.springmailgun.event.FailedEvent;
import io.github.springmailgun.sample.local.LocalMailgunConfiguration;
import io.github.springmailgun.test.MailgunMockServer;
import io.github.springmailgun.webhook.MailgunWebhookEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop a newcomer sees in local mode: the sample registers its webhook endpoint with the mock at
 * start-up, so a sent mail comes back within seconds as a verified {@code delivered} webhook, logged by
 * the sample's listener and shown on {@code /outbox}; a mail to {@code bounce@...} comes back as a
 * permanent failure and lands on the bounce list.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(LocalMailgunConfiguration.class)
@ActiveProfiles("local")
@ExtendWith(OutputCaptureExtension.class)
class LocalLoopTests {

	private static final Duration WITHIN = Duration.ofSeconds(10);

	@Autowired
	DeliveryEventListener listener;

	@Autowired
	MailgunMockServer mailgun;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> request(String method, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private MailgunWebhookEvent await(Predicate<MailgunWebhookEvent> wanted) throws InterruptedException {
		long deadline = System.nanoTime() + WITHIN.toNanos();
		while (System.nanoTime() < deadline) {
			List<MailgunWebhookEvent> recent = this.listener.recent();
			for (MailgunWebhookEvent event : recent) {
				if (wanted.test(event)) {
					return event;
				}
			}
			Thread.sleep(50);
		}
		throw new AssertionError("No such webhook reached the sample within " + WITHIN + "; it received "
				+ this.listener.recent() + "; the mock tried " + this.mailgun.webhooks().deliveries());
	}

	@Test
	void aSentMailComesBackAsADeliveredWebhook(CapturedOutput output) throws Exception {
		assertThat(request("POST", "/report?email=carol@example.com").statusCode()).isEqualTo(200);
		String messageId = this.mailgun.lastMessage().messageId();

		MailgunWebhookEvent delivered = await(event -> event.event() instanceof DeliveredEvent
				&& messageId.equals(event.event().messageId()));

		assertThat(delivered.event().recipient()).isEqualTo("carol@example.com");
		assertThat(this.mailgun.webhooks().registered("mg.example.com").get("delivered"))
			.containsExactly("http://localhost:" + this.port + "/mailgun/webhooks");
		assertThat(output).contains("Mailgun event DELIVERED for message " + messageId);
		assertThat(request("GET", "/outbox/content").body()).contains("carol@example.com", "class=\"delivered\"");
	}

	@Test
	void aMailToBounceShowsTheFailureAndTheNewSuppression(CapturedOutput output) throws Exception {
		assertThat(request("POST", "/report?email=bounce@example.com").statusCode()).isEqualTo(200);

		MailgunWebhookEvent failed = await(event -> event.event() instanceof FailedEvent f && f.isPermanent()
				&& "bounce@example.com".equals(f.recipient()));

		assertThat(failed.event().recipient()).isEqualTo("bounce@example.com");
		assertThat(output).contains("Permanent failure for bounce@example.com");
		assertThat(request("GET", "/outbox/content").body()).contains("class=\"failed\"",
				"bounce: bounce@example.com (mg.example.com)");
	}

}
