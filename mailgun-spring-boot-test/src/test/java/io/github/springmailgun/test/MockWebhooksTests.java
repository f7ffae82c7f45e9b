package io.github.springmailgun.test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.error.MailgunBadRequestException;
import io.github.springmailgun.error.MailgunNotFoundException;
import io.github.springmailgun.webhook.DomainWebhook;
import io.github.springmailgun.webhook.DomainWebhookType;
import io.github.springmailgun.webhook.DomainWebhooks;
import io.github.springmailgun.webhook.HttpSigningKey;
import io.github.springmailgun.webhook.WebhookOperations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Webhooks registered with the mock through Mailgun's v3 and v4 endpoints, by the real client (which
 * proves it reads what the mock writes) and over raw HTTP (the JSON shape and the errors the client
 * would refuse to send), and the account's HTTP webhook signing key.
 */
class MockWebhooksTests {

	private static final String SHOP = "https://shop.example.com/mailgun";

	private static final String CRM = "https://crm.example.com/hooks";

	private final MailgunMockServer mock = MailgunMockServer.start();

	private final RawHttp raw = new RawHttp(this.mock);

	@AfterEach
	void stop() {
		this.mock.close();
	}

	private WebhookOperations webhooks() {
		return new MailgunTemplate(MailgunClientSettings.builder(this.mock.apiKey(), this.mock.domain())
			.baseUrl(this.mock.baseUrl())
			.build()).webhooks();
	}

	private String v3() {
		return "/v3/domains/" + this.mock.domain() + "/webhooks";
	}

	private String v4() {
		return "/v4/domains/" + this.mock.domain() + "/webhooks";
	}

	@Test
	void v3CreateGetUpdateDeleteThroughTheClient() {
		DomainWebhook created = webhooks().create(DomainWebhookType.DELIVERED, List.of(SHOP, CRM)).block();
		assertThat(created.name()).isEqualTo("delivered");
		assertThat(created.urls()).containsExactly(SHOP, CRM);
		webhooks().create(DomainWebhookType.PERMANENT_FAIL, List.of(SHOP)).block();

		DomainWebhooks all = webhooks().list().block();
		assertThat(all.urlsByName()).containsExactly(Map.entry("delivered", List.of(SHOP, CRM)),
				Map.entry("permanent_fail", List.of(SHOP)));
		assertThat(webhooks().get(DomainWebhookType.DELIVERED).block().urls()).containsExactly(SHOP, CRM);

		assertThat(webhooks().update(DomainWebhookType.DELIVERED, List.of(CRM)).block().urls()).containsExactly(CRM);
		assertThat(this.mock.webhooks().registered(this.mock.domain()))
			.containsExactly(Map.entry("delivered", List.of(CRM)), Map.entry("permanent_fail", List.of(SHOP)));

		assertThat(webhooks().delete(DomainWebhookType.DELIVERED).block().urls()).containsExactly(CRM);
		assertThat(webhooks().list().block().urlsByName()).containsOnlyKeys("permanent_fail");
		assertThatExceptionOfType(MailgunNotFoundException.class)
			.isThrownBy(() -> webhooks().get(DomainWebhookType.DELIVERED).block())
			.satisfies(ex -> assertThat(ex.getMailgunMessage()).isEqualTo("Webhook not found"));
	}

	@Test
	void v3AnswersInMailgunsJsonShape() {
		HttpResponse<String> created = this.raw.post(v3(),
				new RawHttp.Multipart().field("id", "clicked").field("url", SHOP).field("url", CRM).end());
		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(MockJson.readObject(created.body())).isEqualTo(
				Map.of("message", "Webhook has been created", "webhook", Map.of("urls", List.of(SHOP, CRM))));

		assertThat(MockJson.readObject(this.raw.get(v3()).body()))
			.isEqualTo(Map.of("webhooks", Map.of("clicked", Map.of("urls", List.of(SHOP, CRM)))));
		assertThat(MockJson.readObject(this.raw.get(v3() + "/clicked").body()))
			.isEqualTo(Map.of("webhook", Map.of("urls", List.of(SHOP, CRM))));

		HttpResponse<String> deleted = this.raw.send(HttpRequest.newBuilder(this.raw.uri(v3() + "/clicked"))
			.header("Authorization", this.raw.auth())
			.DELETE()
			.build());
		assertThat(MockJson.readObject(deleted.body())).isEqualTo(
				Map.of("message", "Webhook has been deleted", "webhook", Map.of("urls", List.of(SHOP, CRM))));
		assertThat(MockJson.readObject(this.raw.get(v3()).body())).isEqualTo(Map.of("webhooks", Map.of()));
	}

	@Test
	void v3RefusesWhatMailgunRefuses() {
		assertThat(this.raw.post(v3(), new RawHttp.Multipart().field("url", SHOP).end()).body())
			.isEqualTo("{\"Reason\":\"id is a required parameter\"}");
		assertThat(this.raw.post(v3(), new RawHttp.Multipart().field("id", "bounced").field("url", SHOP).end()))
			.satisfies(response -> assertThat(response.statusCode()).isEqualTo(400))
			.satisfies(response -> assertThat(response.body()).contains("invalid webhook id 'bounced'"));
		assertThat(this.raw.post(v3(), new RawHttp.Multipart().field("id", "opened").field("url", "ftp://x.example").end())
			.body()).isEqualTo("{\"Reason\":\"ftp://x.example is not a valid url: invalid URL scheme\"}");
		assertThat(this.raw
			.post(v3(), new RawHttp.Multipart().field("id", "opened")
				.field("url", "https://a.example")
				.field("url", "https://b.example")
				.field("url", "https://c.example")
				.field("url", "https://d.example")
				.end())
			.statusCode()).isEqualTo(400);
		assertThat(this.mock.webhooks().registered(this.mock.domain())).isEmpty();

		webhooks().create(DomainWebhookType.OPENED, List.of(SHOP)).block();
		// The client reads Mailgun's "Reason" as the message.
		assertThatExceptionOfType(MailgunBadRequestException.class)
			.isThrownBy(() -> webhooks().create(DomainWebhookType.OPENED, List.of(CRM)).block())
			.satisfies(ex -> assertThat(ex.getMailgunMessage()).isEqualTo("Webhook with id 'opened' already exists"));
		assertThatExceptionOfType(MailgunNotFoundException.class)
			.isThrownBy(() -> webhooks().update(DomainWebhookType.CLICKED, List.of(CRM)).block());
		assertThatExceptionOfType(MailgunNotFoundException.class)
			.isThrownBy(() -> webhooks().delete(DomainWebhookType.CLICKED).block());
		assertThat(this.raw.get("/v3/domains/unknown.example.com/webhooks").statusCode()).isEqualTo(404);
	}

	@Test
	void v4RegistersOneUrlForSeveralEvents() {
		DomainWebhooks created = webhooks()
			.createForEvents(SHOP, List.of(DomainWebhookType.DELIVERED, DomainWebhookType.PERMANENT_FAIL))
			.block();
		assertThat(created.urlsByName()).containsExactly(Map.entry("delivered", List.of(SHOP)),
				Map.entry("permanent_fail", List.of(SHOP)));
		webhooks().createForEvents(CRM, List.of(DomainWebhookType.DELIVERED)).block();

		DomainWebhooks updated = webhooks()
			.updateForEvents(SHOP, List.of(DomainWebhookType.OPENED, DomainWebhookType.DELIVERED))
			.block();
		assertThat(updated.urlsByName()).containsExactly(Map.entry("delivered", List.of(CRM, SHOP)),
				Map.entry("opened", List.of(SHOP)));

		DomainWebhooks afterDelete = webhooks().deleteUrls(List.of(SHOP)).block();
		assertThat(afterDelete.urlsByName()).containsExactly(Map.entry("delivered", List.of(CRM)));
		assertThat(webhooks().list().block().urls(DomainWebhookType.DELIVERED)).containsExactly(CRM);
	}

	@Test
	void v4RefusesWhatMailgunRefuses() {
		webhooks().createForEvents(SHOP, List.of(DomainWebhookType.CLICKED)).block();
		assertThatExceptionOfType(MailgunBadRequestException.class)
			.isThrownBy(() -> webhooks().createForEvents(SHOP, List.of(DomainWebhookType.CLICKED)).block())
			.satisfies(ex -> assertThat(ex.getMailgunMessage())
				.isEqualTo("Webhook for event type 'clicked' with URL '" + SHOP + "' already exists"));
		// The client reads Mailgun's "Description" too.
		assertThatExceptionOfType(MailgunNotFoundException.class)
			.isThrownBy(() -> webhooks().updateForEvents(CRM, List.of(DomainWebhookType.CLICKED)).block())
			.satisfies(ex -> assertThat(ex.getMailgunMessage()).isEqualTo("Webhook not found"));

		HttpResponse<String> badScheme = this.raw.post(v4(), "application/x-www-form-urlencoded",
				RawHttp.urlEncoded("url", "https//invalid", "event_types", "clicked").getBytes(StandardCharsets.UTF_8));
		assertThat(badScheme.statusCode()).isEqualTo(400);
		assertThat(badScheme.body()).startsWith("{\"Reason\":\"invalid parameters: https//invalid is not a valid url");
		assertThat(this.raw.post(v4(), "application/x-www-form-urlencoded",
				RawHttp.urlEncoded("url", CRM, "event_types", "bounced").getBytes(StandardCharsets.UTF_8)).statusCode())
			.isEqualTo(400);
		HttpResponse<String> noUrl = this.raw.send(HttpRequest.newBuilder(this.raw.uri(v4()))
			.header("Authorization", this.raw.auth())
			.DELETE()
			.build());
		assertThat(noUrl.statusCode()).isEqualTo(400);
		assertThat(MockJson.readObject(noUrl.body())).containsEntry("Field", "url");
		assertThat(this.mock.webhooks().registered(this.mock.domain())).containsExactly(Map.entry("clicked", List.of(SHOP)));
	}

	@Test
	void signingKeyIsReadAndRotated() {
		HttpSigningKey key = webhooks().signingKey().block();
		assertThat(key.value()).isEqualTo(MockWebhooks.DEFAULT_SIGNING_KEY);

		HttpSigningKey rotated = webhooks().rotateSigningKey().block();
		assertThat(rotated.value()).matches("key-[0-9a-f]{32}");
		assertThat(rotated.message()).isEqualTo("regenerated HTTP signing key for account");
		assertThat(this.mock.webhooks().signingKey()).isEqualTo(rotated.value());
		assertThat(webhooks().signingKey().block().value()).isEqualTo(rotated.value());
		// The key never reaches the request log.
		assertThat(this.mock.requests()).noneSatisfy(request -> assertThat(request.outcome()).contains(rotated.value()));

		this.mock.reset();
		assertThat(this.mock.webhooks().signingKey()).isEqualTo(MockWebhooks.DEFAULT_SIGNING_KEY);
	}

	@Test
	void builderSetsTheSigningKeyAndTheRetrySchedule() {
		try (MailgunMockServer other = MailgunMockServer.builder()
			.webhookSigningKey("my-key")
			.webhookRetryCompression(60)
			.start()) {
			assertThat(other.webhooks().signingKey()).isEqualTo("my-key");
			assertThat(other.webhooks().retrySchedule()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10),
					Duration.ofSeconds(15), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4));
		}
		assertThat(this.mock.webhooks().retrySchedule()).first().isEqualTo(Duration.ofNanos(83_333_333));
		try (MailgunMockServer manual = MailgunMockServer.builder()
			.clock(MockClock.manual(Instant.EPOCH))
			.start()) {
			assertThat(manual.webhooks().retrySchedule()).isEqualTo(HttpPoster.MAILGUN_RETRY_SCHEDULE);
		}
	}

	@Test
	void theRunnableJarTakesTheSigningKeyFromTheEnvironmentAndNeverPrintsIt() {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		Map<String, String> environment = Map.of(MailgunMockServerMain.PORT, "0",
				MailgunMockServerMain.WEBHOOK_SIGNING_KEY, "key-from-the-environment");
		try (MailgunMockServer other = MailgunMockServerMain.start(environment::get,
				new PrintStream(output, true, StandardCharsets.UTF_8))) {
			assertThat(other.webhooks().signingKey()).isEqualTo("key-from-the-environment");
			new RawHttp(other).get("/v5/accounts/http_signing_key");
		}
		assertThat(output.toString(StandardCharsets.UTF_8)).contains("/v5/accounts/http_signing_key")
			.doesNotContain("key-from-the-environment");
	}

	@Test
	void resetForgetsTheWebhooks() {
		webhooks().createForEvents(SHOP, List.of(DomainWebhookType.DELIVERED)).block();
		this.mock.reset();
		assertThat(webhooks().list().block().urlsByName()).isEmpty();
	}

}
