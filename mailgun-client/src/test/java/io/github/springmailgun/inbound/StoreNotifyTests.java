package io.github.springmailgun.inbound;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.message.StoredMessage.StoredAttachment;
import io.github.springmailgun.testing.LoopbackMailgun;
import io.github.springmailgun.webhook.WebhookVerification;
import mockwebserver3.MockResponse;
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
 * A {@code store(notify=...)} post: its {@code message-url} and {@code attachments} are typed, and the
 * message is fetched only through {@code storedMessage(url)}, which refuses any URL but a stored message on
 * a trusted host. The post body is unauthenticated until verified, and even verified it names a URL that
 * must not take the API key elsewhere.
 */
class StoreNotifyTests {

	private static final String ATTACHMENTS = """
			[{"url": "https://storage-us-east4.api.mailgun.net/v3/domains/mg.example.com/messages/KEY/attachments/0",
			  "content-type": "application/pdf", "name": "Rechnung März.pdf", "size": 48213},
			 {"url": "https://storage-us-east4.api.mailgun.net/v3/domains/mg.example.com/messages/KEY/attachments/1",
			  "content-type": "image/png", "name": "logo.png", "size": 1024}]""";

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	private final MockWebServer attacker = new MockWebServer();

	@BeforeEach
	void startAttacker() throws IOException {
		this.attacker.enqueue(new MockResponse.Builder().code(200).body(StoredMessageJson.EXAMPLE).build());
		this.attacker.start();
	}

	@AfterEach
	void stop() {
		this.mailgun.close();
		this.attacker.close();
	}

	@Test
	void storeNotifyFieldsAreTyped() {
		try (MailgunInboundMessage message = message(
				"https://storage-us-east4.api.mailgun.net/v3/domains/mg.example.com/messages/KEY", ATTACHMENTS)) {
			assertThat(message.storedMessageUrl())
				.contains("https://storage-us-east4.api.mailgun.net/v3/domains/mg.example.com/messages/KEY");
			assertThat(message.storedAttachments()).containsExactly(
					new StoredAttachment("Rechnung März.pdf", "application/pdf", 48213,
							"https://storage-us-east4.api.mailgun.net/v3/domains/mg.example.com/messages/KEY/attachments/0"),
					new StoredAttachment("logo.png", "image/png", 1024,
							"https://storage-us-east4.api.mailgun.net/v3/domains/mg.example.com/messages/KEY/attachments/1"));
			assertThat(message.attachments()).isEmpty();
		}
	}

	@Test
	void forwardedPostHasNoStoredMessage() {
		try (MailgunInboundMessage message = message(null, null)) {
			assertThat(message.storedMessageUrl()).isEmpty();
			assertThat(message.storedAttachments()).isEmpty();
		}
	}

	@Test
	void attachmentsThatAreNotMailgunsJsonAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> message("https://x.mailgun.net/v3/domains/d/messages/K", "{}"))
			.withMessageContaining("attachments");
		assertThatIllegalArgumentException().isThrownBy(() -> message("https://x.mailgun.net/v3/domains/d/messages/K", "[1"))
			.withMessageContaining("attachments");
	}

	/** {@code ATTACKER} is another server on loopback, {@code BASE} the configured Mailgun base URL's authority. */
	@ParameterizedTest
	@ValueSource(strings = { "http://ATTACKER/v3/domains/mg.example.com/messages/KEY",
			"https://ATTACKER/v3/domains/mg.example.com/messages/KEY",
			"http://BASE@ATTACKER/v3/domains/mg.example.com/messages/KEY",
			"http://ATTACKER/v3/domains/mg.example.com/messages/KEY#@BASE",
			"http://ATTACKER/BASE/v3/domains/mg.example.com/messages/KEY",
			"HTTP://ATTACKER/v3/domains/mg.example.com/messages/KEY",
			" http://ATTACKER/v3/domains/mg.example.com/messages/KEY" })
	void messageUrlNamingAnotherServerIsRefusedAndThatServerGetsNoRequest(String template) {
		String url = template.replace("ATTACKER", authority(this.attacker.url("/").toString()))
			.replace("BASE", authority(this.mailgun.baseUrl()));
		assertRefused(url);
		assertThat(this.attacker.getRequestCount()).isZero();
		assertThat(this.mailgun.requestCount()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://storage-us-east4.api.mailgun.net/v3/domains/mg.example.com/messages/KEY",
			"https://storage-us-east4.api.mailgun.net:80/v3/domains/mg.example.com/messages/KEY",
			"https://api.mailgun.net.ATTACKERHOST/v3/domains/mg.example.com/messages/KEY" })
	void plainHttpOrLookalikeMailgunHostsAreRefused(String template) {
		assertRefused(template.replace("ATTACKERHOST", "evil.example.com"));
		assertThat(this.attacker.getRequestCount()).isZero();
	}

	/** On the trusted host itself, only the stored-message path may get the key. */
	@ParameterizedTest
	@ValueSource(strings = { "/v5/accounts/http_signing_key", "/v3/domains/mg.example.com/messages/KEY/../../../../v5/accounts",
			"/v3/domains/mg.example.com/messages/%2e%2e", "/v3/domains/mg.example.com/messages/.%2E",
			"/v3/domains/mg.example.com/messages/KEY%2F..%2F..%2Fv5", "/v3/domains/mg.example.com/messages/KEY%5c..",
			"/v3/domains/mg.example.com/messages/KEY?limit=1", "/v3/domains/mg.example.com/messages/KEY/attachments/0",
			"/v3/domains/mg.example.com/messages//KEY", "/v3/domains/mg.example.com/messages/KEY/" })
	void messageUrlWithAnotherPathOnTheTrustedHostIsRefused(String path) {
		assertRefused(this.mailgun.baseUrl() + path);
		assertThat(this.mailgun.requestCount()).isZero();
	}

	@Test
	void trustedStoredMessageUrlIsFetchedWithTheKey() {
		this.mailgun.respond(200, StoredMessageJson.EXAMPLE);
		String url = this.mailgun.baseUrl() + "/v3/domains/mg.example.com/messages/AgEFLqnGc3k";
		try (MailgunInboundMessage message = message(url, ATTACHMENTS)) {
			String stored = message.storedMessageUrl().orElseThrow();
			assertThat(this.mailgun.client().storedMessage(stored).block().from()).isEqualTo("foo.bar@my-domain.com");
		}
		LoopbackMailgun.Recorded request = this.mailgun.take();
		assertThat(request.path()).isEqualTo("/v3/domains/mg.example.com/messages/AgEFLqnGc3k");
		assertThat(request.header("Authorization")).isEqualTo(LoopbackMailgun.expectedAuthorization());
		assertThat(this.attacker.getRequestCount()).isZero();
	}

	private void assertRefused(String url) {
		try (MailgunInboundMessage message = message(url, ATTACHMENTS)) {
			String stored = message.storedMessageUrl().orElseThrow();
			assertThatThrownBy(() -> this.mailgun.client().storedMessage(stored).block())
				.isInstanceOfSatisfying(MailgunValidationException.class, ex -> {
					assertThat(ex.getParameter()).isEqualTo("storage.url");
					assertThat(ex.getMessage()).doesNotContain(LoopbackMailgun.API_KEY);
				});
		}
	}

	private static String authority(String url) {
		String rest = url.substring(url.indexOf("//") + 2);
		int slash = rest.indexOf('/');
		return (slash >= 0) ? rest.substring(0, slash) : rest;
	}

	private static MailgunInboundMessage message(String messageUrl, String attachments) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		fields.put("domain", List.of("mg.example.com"));
		fields.put("recipient", List.of("support@mg.example.com"));
		fields.put("subject", List.of("Rechnung"));
		if (messageUrl != null) {
			fields.put("message-url", List.of(messageUrl));
		}
		if (attachments != null) {
			fields.put("attachments", List.of(attachments));
		}
		return new MailgunInboundMessage(fields, List.of(), null, new WebhookVerification("t", Instant.EPOCH, false));
	}

	/** A stored message as Mailgun answers it, enough for {@code from()}. */
	static final class StoredMessageJson {

		static final String EXAMPLE = """
				{"From": "foo.bar@my-domain.com", "Subject": "Rechnung", "sender": "foo.bar@my-domain.com",
				 "recipients": "support@mg.example.com", "body-plain": "Hallo", "message-headers": [], "attachments": []}""";

	}

}
