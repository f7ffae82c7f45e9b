package io.github.springmailgun.webhook;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.github.springmailgun.error.MailgunException;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link WebhookOperations} against a loopback server, with Mailgun's documented examples.
 */
class WebhookOperationsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final String DOCUMENTED_KEY = "key-fake-signing-value-for-tests";

	private final LoopbackMailgun mailgun = new LoopbackMailgun();

	private final WebhookOperations webhooks = this.mailgun.mailgun().webhooks();

	@AfterEach
	void close() {
		this.mailgun.close();
	}

	@Test
	void listReadsTheUrlsOfEveryEvent() {
		this.mailgun.enqueueFixture("webhook/list-webhooks-v3.json");
		DomainWebhooks all = this.webhooks.list().block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v3/domains/mg.example.com/webhooks");
		assertThat(all).isNotNull();
		assertThat(all.urlsByName()).containsOnlyKeys("accepted", "delivered", "opened", "clicked", "unsubscribed",
				"complained", "temporary_fail", "permanent_fail");
		for (DomainWebhookType type : DomainWebhookType.values()) {
			assertThat(all.urls(type)).as(type.name()).containsExactly("https://foo.com", "https://bar.com");
		}
		assertThat(all.webhooks()).extracting(DomainWebhook::type).doesNotContainNull().hasSize(8);
	}

	@Test
	void getReadsTheUrlsOfOneEvent() {
		this.mailgun.enqueueFixture("webhook/get-webhook-v3.json");
		DomainWebhook webhook = this.webhooks.get(DomainWebhookType.CLICKED).block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v3/domains/mg.example.com/webhooks/clicked");
		assertThat(webhook).isEqualTo(new DomainWebhook("clicked", List.of("https://foo.com")));
		assertThat(webhook.type()).isEqualTo(DomainWebhookType.CLICKED);
	}

	@Test
	void createPostsTheEventIdAndEachUrl() {
		this.mailgun.enqueueFixture("webhook/create-webhook-v3.json");
		DomainWebhook webhook = this.webhooks
			.create(DomainWebhookType.PERMANENT_FAIL, List.of("https://foo.com", "https://bar.com"))
			.block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v3/domains/mg.example.com/webhooks");
		assertThat(LoopbackMailgun.multipartFields(request)).containsExactly(entry("id", List.of("permanent_fail")),
				entry("url", List.of("https://foo.com", "https://bar.com")));
		assertThat(webhook).isEqualTo(new DomainWebhook("permanent_fail", List.of("https://foo.com", "https://bar.com")));
	}

	@Test
	void updatePutsTheNewUrls() {
		this.mailgun.enqueueFixture("webhook/update-webhook-v3.json");
		DomainWebhook webhook = this.webhooks.update(DomainWebhookType.DELIVERED, List.of("https://foo.com"))
			.block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("PUT");
		assertThat(request.getTarget()).isEqualTo("/v3/domains/mg.example.com/webhooks/delivered");
		assertThat(LoopbackMailgun.multipartFields(request)).containsExactly(entry("url", List.of("https://foo.com")));
		assertThat(webhook).isEqualTo(new DomainWebhook("delivered", List.of("https://foo.com")));
	}

	@Test
	void deleteRemovesTheUrlsOfAnEvent() {
		this.mailgun.enqueueFixture("webhook/delete-webhook-v3.json");
		DomainWebhook removed = this.webhooks.delete(DomainWebhookType.TEMPORARY_FAIL).block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getTarget()).isEqualTo("/v3/domains/mg.example.com/webhooks/temporary_fail");
		assertThat(removed).isEqualTo(new DomainWebhook("temporary_fail", List.of("https://foo.com")));
	}

	@Test
	void urlListsMailgunWouldRefuseFailWithoutARequest() {
		List<String> four = List.of("https://a.example", "https://b.example", "https://c.example", "https://d.example");
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.webhooks.create(DomainWebhookType.OPENED, four).block(TIMEOUT))
			.satisfies(ex -> assertThat(ex.getParameter()).isEqualTo("url"));
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.webhooks.update(DomainWebhookType.OPENED, List.of()).block(TIMEOUT));
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.webhooks.update(DomainWebhookType.OPENED, List.of("ftp://a.example/x")).block(TIMEOUT));
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.webhooks.createForEvents("https://a.example/hook", Set.of()).block(TIMEOUT))
			.satisfies(ex -> assertThat(ex.getParameter()).isEqualTo("event_types"));
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.webhooks.deleteUrls(List.of("https://a.example/x,y")).block(TIMEOUT));
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.webhooks
				.updateForEvents("https://a.example/hook", Arrays.asList(DomainWebhookType.OPENED, null))
				.block(TIMEOUT))
			.satisfies(ex -> assertThat(ex.getParameter()).isEqualTo("event_types"));
		assertThat(this.mailgun.server().getRequestCount()).isZero();
	}

	@Test
	void createForEventsPostsAUrlEncodedForm() {
		this.mailgun.enqueueFixture("webhook/create-webhooks-v4.json");
		DomainWebhooks result = this.webhooks
			.createForEvents("https://example.com/webhooks",
					List.of(DomainWebhookType.ACCEPTED, DomainWebhookType.DELIVERED, DomainWebhookType.ACCEPTED))
			.block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v4/domains/mg.example.com/webhooks");
		assertThat(LoopbackMailgun.body(request))
			.isEqualTo("url=https%3A%2F%2Fexample.com%2Fwebhooks&event_types=accepted&event_types=delivered");
		assertThat(LoopbackMailgun.form(request)).containsExactly(
				entry("url", List.of("https://example.com/webhooks")),
				entry("event_types", List.of("accepted", "delivered")));
		assertThat(result).isNotNull();
		assertThat(result.urls(DomainWebhookType.ACCEPTED)).containsExactly("https://example.com/webhooks");
		assertThat(result.urls(DomainWebhookType.DELIVERED)).containsExactly("https://example.com/webhooks");
		assertThat(result.urls(DomainWebhookType.CLICKED)).containsExactly("https://foo.com");
		assertThat(result.urls(DomainWebhookType.PERMANENT_FAIL)).containsExactly("https://bar.com");
		assertThat(result.urls(DomainWebhookType.OPENED)).isEmpty();
	}

	@Test
	void updateForEventsPutsAUrlEncodedForm() {
		this.mailgun.enqueueFixture("webhook/update-webhooks-v4.json");
		DomainWebhooks result = this.webhooks
			.updateForEvents("https://example.com/webhooks", List.of(DomainWebhookType.DELIVERED, DomainWebhookType.OPENED))
			.block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("PUT");
		assertThat(request.getTarget()).isEqualTo("/v4/domains/mg.example.com/webhooks");
		assertThat(LoopbackMailgun.form(request)).containsExactly(
				entry("url", List.of("https://example.com/webhooks")),
				entry("event_types", List.of("delivered", "opened")));
		assertThat(result).isNotNull();
		assertThat(result.urlsByName()).containsOnlyKeys("delivered", "opened", "clicked");
		assertThat(result.urls(DomainWebhookType.OPENED)).containsExactly("https://example.com/webhooks");
	}

	@Test
	void deleteUrlsSendsThemCommaSeparatedInTheQuery() {
		this.mailgun.enqueueFixture("webhook/delete-webhooks-v4.json");
		DomainWebhooks result = this.webhooks
			.deleteUrls(List.of("https://example.com/old", "https://example.com/older?x=1&y=2"))
			.block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/v4/domains/mg.example.com/webhooks");
		assertThat(request.getUrl().queryParameterNames()).containsExactly("url");
		assertThat(LoopbackMailgun.query(request, "url"))
			.isEqualTo("https://example.com/old,https://example.com/older?x=1&y=2");
		assertThat(result).isNotNull();
		assertThat(result.urlsByName()).containsOnlyKeys("delivered", "clicked");
	}

	@Test
	void signingKeyIsReadButNeverShownByToString() {
		this.mailgun.enqueueFixture("webhook/get-signing-key.json");
		HttpSigningKey key = this.webhooks.signingKey().block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v5/accounts/http_signing_key");
		assertThat(key).isNotNull();
		assertThat(key.value()).isEqualTo(DOCUMENTED_KEY);
		assertThat(key.message()).isNull();
		assertThat(key.toString()).doesNotContain(DOCUMENTED_KEY).doesNotContain("55c5c5");
	}

	@Test
	void rotateSigningKeyPostsAndReadsTheNewKey() {
		this.mailgun.enqueueFixture("webhook/rotate-signing-key.json");
		HttpSigningKey key = this.webhooks.rotateSigningKey().block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v5/accounts/http_signing_key");
		assertThat(key).isNotNull();
		assertThat(key.value()).isEqualTo(DOCUMENTED_KEY);
		assertThat(key.message()).isEqualTo("regenerated HTTP signing key for account");
		assertThat(key.toString()).contains("regenerated").doesNotContain(DOCUMENTED_KEY);
	}

	@Test
	void anUnreadableSigningKeyResponseIsNotQuotedInTheException() {
		this.mailgun.respond(200, "{\"http_signing_key\": key-leaked-if-quoted}");
		assertThatExceptionOfType(MailgunException.class)
			.isThrownBy(() -> this.webhooks.signingKey().block(TIMEOUT))
			.satisfies(ex -> {
				assertThat(ex).hasMessageContaining("http_signing_key");
				for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
					assertThat(String.valueOf(cause.getMessage())).doesNotContain("key-leaked-if-quoted");
				}
			});
	}

	@Test
	void forDomainBindsWebhooksToTheOtherDomain() {
		this.mailgun.enqueueFixture("webhook/list-webhooks-v3.json");
		this.mailgun.mailgun().forDomain("other.example.com").webhooks().list().block(TIMEOUT);
		assertThat(this.mailgun.takeRequest().getTarget()).isEqualTo("/v3/domains/other.example.com/webhooks");
	}

}
