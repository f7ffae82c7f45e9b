package io.github.springmailgun;

import io.github.springmailgun.testing.LoopbackMailgun;
import io.github.springmailgun.testing.LoopbackMailgun.Recorded;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.event.MailgunEvent;
import io.github.springmailgun.event.StorageLocation;
import io.github.springmailgun.message.StoredMessage;
import io.github.springmailgun.webhook.WebhookPayloadParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stored messages by key or URL, and the rule that the key only goes to trusted hosts.
 */
class StoredMessageTests {

	/** The example of the OpenAPI document for GET /v3/domains/{domain}/messages/{storage_key}. */
	static final String EXAMPLE = """
			{"Content-Transfer-Encoding":"7bit","Content-Type":"multipart/form-data; boundary=----SomeFormBoundaryABC123",
			 "From":"foo.bar@my-domain.com","Message-Id":"<xxxxxxxxxxxxx.111111111111111@my-domain.com>","Mime-Version":"1.0",
			 "Subject":"\\"Mailgun is awesome\\"","To":"Cool Bar <cool.barr@cool.com>, bar.baz@gmail.com","X-Mailgun-Tag":"Earth",
			 "sender":"foo.bar@my-domain.com","recipients":"cool.barr@cool.com, bar.baz@gmail.com",
			 "body-html":"<html>This is some html</html>","body-plain":"This is some html",
			 "stripped-html":"<html>This is some html</html>","stripped-text":"This is some html",
			 "stripped-signature":"the signature block stripped from the plain text message (if found)",
			 "message-headers":[["Mime-Version","1.0"],["Subject","\\"Mailgun is awesome\\""],["From","foo.bar@my-domain.com"],
			   ["To","cool.barr@cool.com, bar.baz@gmail.com"],["X-Mailgun-Tag","Earth"],
			   ["Message-Id","<xxxxxxxxxxxxx.111111111111111@my-domain.com>"],["Content-Transfer-Encoding","7bit"],
			   ["Content-Type","text/html; charset=ascii"]],
			 "attachments":[{"url":"https://storage-us-east4.api.mailgun.net/v3/domains/my-domain.com/messages/KEY/attachments/0",
			   "content-type":"application/pdf","name":"a.pdf","size":1234}],
			 "X-Mailgun-Template-Name":"my-awesome-template","X-Mailgun-Template-Variables":"{\\"name\\":\\"Foo\\",\\"phrase\\":\\"Bar\\"}"}
			""";

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	@AfterEach
	void stop() {
		this.mailgun.close();
	}

	@Test
	void byStorageKey() {
		this.mailgun.respond(200, EXAMPLE);
		StoredMessage stored = this.mailgun.client().storedMessage("AgEFLqnGc3...k=").block();

		Recorded request = this.mailgun.take();
		assertThat(request.request().getMethod()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/v3/domains/mg.example.com/messages/AgEFLqnGc3...k%3D");
		assertThat(request.header("Authorization")).isEqualTo(LoopbackMailgun.expectedAuthorization());
		assertThat(stored.from()).isEqualTo("foo.bar@my-domain.com");
		assertThat(stored.subject()).isEqualTo("\"Mailgun is awesome\"");
		assertThat(stored.sender()).isEqualTo("foo.bar@my-domain.com");
		assertThat(stored.recipients()).isEqualTo("cool.barr@cool.com, bar.baz@gmail.com");
		assertThat(stored.bodyPlain()).isEqualTo("This is some html");
		assertThat(stored.bodyHtml()).isEqualTo("<html>This is some html</html>");
		assertThat(stored.strippedText()).isEqualTo("This is some html");
		assertThat(stored.headers()).hasSize(8);
		assertThat(stored.header("x-mailgun-tag")).isEqualTo("Earth");
		assertThat(stored.attachments()).singleElement().satisfies(attachment -> {
			assertThat(attachment.name()).isEqualTo("a.pdf");
			assertThat(attachment.contentType()).isEqualTo("application/pdf");
			assertThat(attachment.size()).isEqualTo(1234);
		});
		assertThat(stored.fields()).containsEntry("X-Mailgun-Template-Name", "my-awesome-template");
	}

	@Test
	void byUrlOnTheConfiguredHost() {
		this.mailgun.respond(200, EXAMPLE);
		String url = this.mailgun.baseUrl() + "/v3/domains/mg.example.com/messages/KEY2";
		assertThat(this.mailgun.client().storedMessage(url).block().from()).isEqualTo("foo.bar@my-domain.com");
		assertThat(this.mailgun.take().path()).isEqualTo("/v3/domains/mg.example.com/messages/KEY2");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example.com/v3/domains/mg.example.com/messages/KEY",
			"http://storage-us-east4.api.mailgun.net/v3/domains/x/messages/KEY",
			"https://mailgun.net.evil.example.com/v3/x", "https://api.mailgun.net:8443/v3/x",
			"https://user@api.mailgun.net/v3/x" })
	void urlsElsewhereAreRefusedWithoutARequest(String url) {
		assertThatThrownBy(() -> this.mailgun.client().storedMessage(url).block())
			.isInstanceOfSatisfying(MailgunValidationException.class, ex -> {
				assertThat(ex.getParameter()).isEqualTo("storage.url");
				assertThat(ex.getMessage()).contains("not sent there").doesNotContain(LoopbackMailgun.API_KEY);
			});
		assertThat(this.mailgun.requestCount()).isZero();
	}

	/**
	 * A forged webhook event (its signature covers only timestamp and token) may carry any
	 * {@code storage.url}; on a trusted host only the stored-message shape may get the key.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/v5/accounts/http_signing_key", "/v3/domains/mg.example.com/messages/KEY?x=1",
			"/v3/domains/mg.example.com/messages/KEY#f",
			"/v3/domains/mg.example.com/messages/../../../v5/accounts/http_signing_key",
			"/v3/domains/mg.example.com/messages/%2e%2e", "/v3/domains/mg.example.com/messages/%2E",
			"/v3/domains/%2e%2e/messages/KEY", "/v3/domains/./messages/KEY",
			"/v3/domains/mg.example.com/messages/a%2F..%2F..%2Fv5%2Faccounts",
			"/v4/domains/mg.example.com/messages/KEY", "/v3/domains/mg.example.com/messages/KEY/attachments/0",
			"/v3/domains/mg.example.com/messages", "/v3/domains//messages/KEY", "/v3/mg.example.com/messages/KEY" })
	void storageUrlsOfAnyOtherShapeAreRefusedBeforeAnyRequest(String path) {
		String url = this.mailgun.baseUrl() + path;
		StorageLocation storage = forgedEvent(url).data().storage();
		assertThat(storage.url()).isEqualTo(url);
		assertThatThrownBy(() -> this.mailgun.client().storedMessage(storage.url()).block())
			.isInstanceOfSatisfying(MailgunValidationException.class, ex -> {
				assertThat(ex.getParameter()).isEqualTo("storage.url");
				assertThat(ex.getMessage()).contains("not sent there").doesNotContain(LoopbackMailgun.API_KEY);
			});
		this.mailgun.assertNoMoreRequests();
	}

	/** The same on Mailgun's own hosts: refused as a validation error, not tried (and failed) on the network. */
	@ParameterizedTest
	@ValueSource(strings = { "https://api.mailgun.net/v5/accounts/http_signing_key",
			"https://storage-us-east4.api.mailgun.net/v3/domains/mg.example.com/messages/KEY?limit=1",
			"https://se.api.mailgun.net/v3/domains/mg.example.com/messages/%2e%2e/%2e%2e/%2e%2e/v5/accounts/http_signing_key",
			"https://api.eu.mailgun.net/v4/domains/mg.example.com/messages/KEY" })
	void storageUrlsOnMailgunHostsMustBeStoredMessages(String url) {
		assertThatThrownBy(() -> this.mailgun.client().storedMessage(url).block())
			.isInstanceOfSatisfying(MailgunValidationException.class,
					ex -> assertThat(ex.getParameter()).isEqualTo("storage.url"));
	}

	@Test
	void theStorageUrlOfARealEventIsFollowed() {
		this.mailgun.respond(200, EXAMPLE);
		String url = this.mailgun.baseUrl() + "/v3/domains/example.org/messages/eyJwI...";
		assertThat(this.mailgun.client().storedMessage(forgedEvent(url).data().storage().url()).block().from())
			.isEqualTo("foo.bar@my-domain.com");
		assertThat(this.mailgun.take().path()).isEqualTo("/v3/domains/example.org/messages/eyJwI...");
	}

	private static MailgunEvent forgedEvent(String storageUrl) {
		String body = LoopbackMailgun.fixture(StoredMessageTests.class, "/webhooks/stored.json")
			.replace("https://se.api.mailgun.net/v3/domains/example.org/messages/eyJwI...", storageUrl);
		return new WebhookPayloadParser().parse(body).event();
	}

	@Test
	void mailgunStorageHostsAreTrusted() {
		io.github.springmailgun.internal.TrustedHosts hosts = new io.github.springmailgun.internal.TrustedHosts(
				java.net.URI.create("https://api.mailgun.net"));
		assertThat(hosts.isTrusted(java.net.URI.create("https://storage-us-east4.api.mailgun.net/v3/x"))).isTrue();
		assertThat(hosts.isTrusted(java.net.URI.create("https://se.api.mailgun.net/v3/x"))).isTrue();
		assertThat(hosts.isTrusted(java.net.URI.create("https://api.eu.mailgun.net/v3/x"))).isTrue();
		assertThat(hosts.isTrusted(java.net.URI.create("https://notmailgun.net/v3/x"))).isFalse();
	}

	@Test
	void keysWithPathCharactersAreRefused() {
		assertThatThrownBy(() -> this.mailgun.client().storedMessage("../../v3/domains").block())
			.isInstanceOf(MailgunValidationException.class);
		assertThat(this.mailgun.requestCount()).isZero();
	}

}
