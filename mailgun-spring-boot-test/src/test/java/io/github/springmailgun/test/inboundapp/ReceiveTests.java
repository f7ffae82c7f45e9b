package io.github.springmailgun.test.inboundapp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.inbound.MailgunInboundMessage;
import io.github.springmailgun.message.StoredMessage;
import io.github.springmailgun.route.RouteExpression;
import io.github.springmailgun.route.RouteRequest;
import io.github.springmailgun.test.MailgunMockServer;
import io.github.springmailgun.test.MockInboundDelivery;
import io.github.springmailgun.test.MockInboundMessage;
import io.github.springmailgun.test.MockRoute;
import io.github.springmailgun.test.MockStoredMessage;
import io.github.springmailgun.test.autoconfigure.AutoConfigureMailgunMock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's test of receiving mail: a route created through the client, {@code mock.receive(...)}, and the
 * application's listener gets the verified message from the starter's inbound endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mailgun.domain=mg.example.com", "mailgun.webhooks.signing-key=app-signing-key",
				"mailgun.inbound.path=/mailgun/inbound" })
@AutoConfigureMailgunMock
class ReceiveTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	MailgunMockServer mock;

	@Autowired
	MailgunOperations mailgun;

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

	private MockRoute route(String recipient, String url, int priority, boolean stop) {
		RouteRequest.Builder request = RouteRequest.builder(RouteExpression.matchRecipient(recipient))
			.forward(url)
			.priority(priority);
		if (stop) {
			request.stop();
		}
		String id = this.mailgun.routes().create(request.build()).block(WAIT).id();
		return this.mock.inboundRoutes().list().stream().filter((route) -> route.id().equals(id)).findFirst().get();
	}

	@Test
	void receivedMailReachesTheListenerVerified() {
		assertThat(this.mock.webhooks().signingKey()).isEqualTo("app-signing-key");
		MockRoute route = route("support@mg.example.com", url("/mailgun/inbound"), 0, false);
		byte[] log = "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8);
		byte[] logo = { (byte) 0x89, 'P', 'N', 'G', 0, 1, 2 };

		List<MockRoute> matched = this.mock.receive(MockInboundMessage.builder("jane@example.com", "support@mg.example.com")
			.subject("Grüße, it broke")
			.text("It broke.\n-- \nJane")
			.html("<p>It broke.</p><img src=\"cid:logo\">")
			.header("X-Ticket", "T-42")
			.attachment("log.txt", "text/plain", log)
			.inline("logo", "logo.png", "image/png", logo)
			.build());

		assertThat(matched).containsExactly(route);
		MockInboundDelivery delivery = this.mock.inbound().awaitDeliveries(1, WAIT).get(0);
		assertThat(delivery.target()).isEqualTo(url("/mailgun/inbound"));
		assertThat(delivery.status()).isEqualTo(200);
		assertThat(this.inbox.messages).hasSize(1);
		MailgunInboundMessage message = this.inbox.messages.get(0);
		assertThat(message.recipient()).isEqualTo("support@mg.example.com");
		assertThat(message.from()).isEqualTo("jane@example.com");
		assertThat(message.subject()).isEqualTo("Grüße, it broke");
		assertThat(message.bodyPlain()).isEqualTo("It broke.\n-- \nJane");
		assertThat(message.strippedText()).isEqualTo("It broke.");
		assertThat(message.strippedSignature()).isEqualTo("Jane");
		assertThat(message.bodyHtml()).isEqualTo("<p>It broke.</p><img src=\"cid:logo\">");
		assertThat(message.header("X-Ticket")).isEqualTo("T-42");
		assertThat(message.attachments()).hasSize(2);
		assertThat(message.attachments().get(0).fileName()).isEqualTo("log.txt");
		assertThat(this.inbox.files.get(0).get("attachment-1")).isEqualTo(log);
		assertThat(message.attachmentForContentId("logo")).hasValueSatisfying(
				(image) -> assertThat(image.fieldName()).isEqualTo("attachment-2"));
		assertThat(this.inbox.files.get(0).get("attachment-2")).isEqualTo(logo);
	}

	@Test
	void mailWithoutAttachmentsIsPostedUrlEncoded() {
		route("support@.*", url("/mailgun/inbound"), 0, false);

		this.mock.receive(MockInboundMessage.builder("jane@example.com", "support@mg.example.com")
			.subject("Plain & simple")
			.text("100% + ✓")
			.build());

		assertThat(this.mock.inbound().awaitDeliveries(1, WAIT).get(0).status()).isEqualTo(200);
		assertThat(this.inbox.messages.get(0).bodyPlain()).isEqualTo("100% + ✓");
		assertThat(this.inbox.messages.get(0).attachments()).isEmpty();
	}

	@Test
	void aUrlEndingInMimeGetsTheRawMessage() {
		route("support@mg.example.com", url("/mailgun/inbound?form=mime"), 0, false);

		this.mock.receive(MockInboundMessage.builder("jane@example.com", "support@mg.example.com")
			.subject("Raw")
			.text("Hello")
			.attachment("a.bin", "application/octet-stream", new byte[] { 1, 2, 3 })
			.build());

		assertThat(this.mock.inbound().awaitDeliveries(1, WAIT).get(0).status()).isEqualTo(200);
		MailgunInboundMessage message = this.inbox.messages.get(0);
		assertThat(message.mime()).isPresent();
		assertThat(message.bodyPlain()).isNull();
		String mime = new String(this.inbox.files.get(0).get("body-mime"), StandardCharsets.UTF_8);
		assertThat(mime).contains("Subject: Raw\r\n").contains("filename=\"a.bin\"").contains("AQID");
	}

	@Test
	void noMatchingRoutePostsNothing() throws Exception {
		route("sales@mg.example.com", url("/mailgun/inbound"), 0, false);

		List<MockRoute> matched = this.mock
			.receive(MockInboundMessage.builder("jane@example.com", "support@mg.example.com").text("Hi").build());

		assertThat(matched).isEmpty();
		Thread.sleep(200);
		assertThat(this.mock.inbound().deliveries()).isEmpty();
		assertThat(this.inbox.messages).isEmpty();
	}

	@Test
	void routesRunInPriorityOrderUpToStop() {
		MockRoute second = route(".*@mg.example.com", url("/mailgun/inbound"), 5, true);
		MockRoute first = route("support@.*", "ops@example.com", 1, false);
		route("support@.*", url("/mailgun/inbound"), 9, false);

		List<MockRoute> matched = this.mock
			.receive(MockInboundMessage.builder("jane@example.com", "support@mg.example.com").text("Hi").build());

		assertThat(matched).containsExactly(first, second);
		List<MockInboundDelivery> deliveries = this.mock.inbound().awaitDeliveries(2, WAIT);
		assertThat(deliveries).extracting(MockInboundDelivery::target)
			.containsExactly("ops@example.com", url("/mailgun/inbound"));
		assertThat(deliveries.get(0).toAddress()).isTrue();
		assertThat(deliveries.get(1).status()).isEqualTo(200);
		assertThat(this.inbox.messages).hasSize(1);
	}

	@Test
	void aStoreRouteNotifiesWithTheUrlOfTheStoredMessageWhichTheClientFetches() {
		this.mailgun.routes()
			.create(RouteRequest.builder(RouteExpression.matchRecipient("support@mg.example.com"))
				.store(url("/mailgun/inbound"))
				.build())
			.block(WAIT);
		byte[] log = "line 1\n".getBytes(StandardCharsets.UTF_8);

		this.mock.receive(MockInboundMessage.builder("jane@example.com", "support@mg.example.com")
			.subject("Stored, please")
			.text("Keep this for later.")
			.html("<p>Keep this for later.</p>")
			.attachment("log.txt", "text/plain", log)
			.build());

		MockInboundDelivery delivery = this.mock.inbound().awaitDeliveries(1, WAIT).get(0);
		assertThat(delivery.target()).isEqualTo(url("/mailgun/inbound"));
		assertThat(delivery.status()).isEqualTo(200);
		MailgunInboundMessage notification = this.inbox.messages.get(0);
		String messageUrl = notification.storedMessageUrl().orElseThrow();
		assertThat(messageUrl).startsWith(this.mock.baseUrl() + "/v3/domains/mg.example.com/messages/");
		assertThat(notification.subject()).isEqualTo("Stored, please");
		// The attachments are links to the stored message's, not files.
		assertThat(notification.attachments()).isEmpty();
		assertThat(notification.storedAttachments()).singleElement().satisfies((attachment) -> {
			assertThat(attachment.name()).isEqualTo("log.txt");
			assertThat(attachment.contentType()).isEqualTo("text/plain");
			assertThat(attachment.size()).isEqualTo(log.length);
			assertThat(attachment.url()).isEqualTo(messageUrl + "/attachments/0");
		});

		StoredMessage stored = this.mailgun.messages().storedMessage(messageUrl).block(WAIT);

		assertThat(stored.subject()).isEqualTo("Stored, please");
		assertThat(stored.from()).isEqualTo("jane@example.com");
		assertThat(stored.bodyPlain()).isEqualTo("Keep this for later.");
		assertThat(stored.bodyHtml()).isEqualTo("<p>Keep this for later.</p>");
		assertThat(stored.attachments()).singleElement().satisfies((attachment) -> {
			assertThat(attachment.name()).isEqualTo("log.txt");
			assertThat(attachment.size()).isEqualTo(log.length);
		});
		assertThat(this.mock.inbound().storedMessages()).extracting(MockStoredMessage::url)
			.containsExactly(java.net.URI.create(messageUrl));
	}

	@Test
	void aStoreRouteWithoutNotifyStoresAndPostsNothing() throws Exception {
		this.mailgun.routes()
			.create(RouteRequest.builder(RouteExpression.matchRecipient("support@mg.example.com")).store(null).build())
			.block(WAIT);

		this.mock.receive(MockInboundMessage.builder("jane@example.com", "support@mg.example.com")
			.subject("Just keep it")
			.text("Hi")
			.build());

		MockStoredMessage stored = this.mock.inbound().storedMessages().get(0);
		assertThat(this.mailgun.messages().storedMessage(stored.storageKey()).block(WAIT).subject())
			.isEqualTo("Just keep it");
		Thread.sleep(200);
		assertThat(this.mock.inbound().deliveries()).isEmpty();
		assertThat(this.inbox.messages).isEmpty();
	}

}
