package io.github.springmailgun.inbound;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.message.StoredMessage;
import io.github.springmailgun.testing.LoopbackMailgun;
import io.github.springmailgun.webhook.WebhookVerification;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A {@code store(notify=...)} post names its stored message by a link in its body: the message reads it, and
 * only the stored-message rule decides whether the API key goes there.
 */
class StoreNotifyPostTests {

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	private final MockWebServer elsewhere = new MockWebServer();

	@BeforeEach
	void startElsewhere() throws IOException {
		this.elsewhere.start();
	}

	@AfterEach
	void stop() throws IOException {
		this.mailgun.close();
		this.elsewhere.close();
	}

	@Test
	void theLinksOfAStoreNotifyPostAreRead() {
		MailgunInboundMessage message = post(Map.of("message-url",
				"https://storage-us-east4.api.mailgun.net/v3/domains/mg.example.com/messages/BAABAQ",
				"attachments", """
						[{"url": "https://storage-us-east4.api.mailgun.net/v3/domains/mg.example.com/messages/BAABAQ/attachments/0",
						  "content-type": "application/pdf", "name": "invoice.pdf", "size": 48213}]"""));

		assertThat(message.storedMessageUrl())
			.hasValue("https://storage-us-east4.api.mailgun.net/v3/domains/mg.example.com/messages/BAABAQ");
		assertThat(message.storedAttachments()).singleElement().satisfies((attachment) -> {
			assertThat(attachment.name()).isEqualTo("invoice.pdf");
			assertThat(attachment.contentType()).isEqualTo("application/pdf");
			assertThat(attachment.size()).isEqualTo(48213);
			assertThat(attachment.url()).endsWith("/messages/BAABAQ/attachments/0");
		});
		assertThat(message.attachments()).isEmpty();
	}

	@Test
	void aForwardPostHasNoLinks() {
		MailgunInboundMessage message = post(Map.of("subject", "Hello"));
		assertThat(message.storedMessageUrl()).isEmpty();
		assertThat(message.storedAttachments()).isEmpty();
	}

	@Test
	void attachmentsThatAreNotAJsonArrayAreNotAPostOfMailgun() {
		assertThatIllegalArgumentException().isThrownBy(() -> post(Map.of("attachments", "{\"url\": \"x\"}")))
			.withMessageContaining("attachments");
		assertThatIllegalArgumentException().isThrownBy(() -> post(Map.of("attachments", "[not json")))
			.withMessageContaining("attachments");
	}

	@Test
	void aLinkToTheConfiguredMailgunIsFetched() {
		this.mailgun.respond(200, """
				{"From": "Jane <jane@example.com>", "Subject": "Stored", "body-plain": "Hi"}""");
		MailgunInboundMessage message = post(
				Map.of("message-url", this.mailgun.baseUrl() + "/v3/domains/mg.example.com/messages/BAABAQ"));

		StoredMessage stored = this.mailgun.client().storedMessage(message.storedMessageUrl().orElseThrow()).block();

		assertThat(stored.subject()).isEqualTo("Stored");
		assertThat(this.mailgun.take().path()).isEqualTo("/v3/domains/mg.example.com/messages/BAABAQ");
	}

	/** Before its signature is checked a post can name any URL; even after, only the rule decides. */
	@ParameterizedTest
	@ValueSource(strings = { "/v3/domains/mg.example.com/messages/BAABAQ", "/v5/accounts/http_signing_key",
			"/v3/domains/mg.example.com/messages/%2e%2e/%2e%2e/v5/accounts/http_signing_key" })
	void aLinkToAnotherHostIsRefusedWithoutARequest(String path) {
		String url = "http://" + this.elsewhere.getHostName() + ":" + this.elsewhere.getPort() + path;
		MailgunInboundMessage message = post(Map.of("message-url", url));

		assertThatThrownBy(() -> this.mailgun.client().storedMessage(message.storedMessageUrl().orElseThrow()).block())
			.isInstanceOfSatisfying(MailgunValidationException.class, (ex) -> {
				assertThat(ex.getParameter()).isEqualTo("storage.url");
				assertThat(ex.getMessage()).contains("not sent there").doesNotContain(LoopbackMailgun.API_KEY);
			});
		assertThat(this.elsewhere.getRequestCount()).isZero();
		assertThat(this.mailgun.requestCount()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v5/accounts/http_signing_key", "/v3/domains/mg.example.com/messages/BAABAQ/attachments/0",
			"/v3/domains/mg.example.com/messages/%2e%2e/%2e%2e/v5/accounts/http_signing_key",
			"/v3/domains/mg.example.com/messages/BAABAQ?redirect=https://evil.example.com" })
	void aLinkOnTheMailgunHostButNotToAStoredMessageIsRefusedWithoutARequest(String path) {
		MailgunInboundMessage message = post(Map.of("message-url", this.mailgun.baseUrl() + path));

		assertThatThrownBy(() -> this.mailgun.client().storedMessage(message.storedMessageUrl().orElseThrow()).block())
			.isInstanceOf(MailgunValidationException.class);
		assertThat(this.mailgun.requestCount()).isZero();
	}

	private static MailgunInboundMessage post(Map<String, String> fields) {
		Map<String, List<String>> form = new LinkedHashMap<>();
		form.put("recipient", List.of("support@mg.example.com"));
		fields.forEach((name, value) -> form.put(name, List.of(value)));
		return new MailgunInboundMessage(form, List.of(), null,
				new WebhookVerification("token-1", Instant.parse("2026-12-04T10:00:00Z"), false));
	}

}
