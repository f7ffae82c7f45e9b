package io.github.springmailgun.test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.error.MailgunException;
import io.github.springmailgun.error.MailgunNotFoundException;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.StoredMessage;
import io.github.springmailgun.template.Template;
import io.github.springmailgun.template.TemplateChange;
import io.github.springmailgun.template.TemplateOperations;
import io.github.springmailgun.template.TemplatePage;
import io.github.springmailgun.template.TemplateRequest;
import io.github.springmailgun.template.TemplateVersion;
import io.github.springmailgun.template.TemplateVersionPage;
import io.github.springmailgun.template.TemplateVersionRequest;
import io.github.springmailgun.template.TemplateVersionUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Templates on the mock through the real client ({@code mailgun.templates()}), the raw JSON of Mailgun's
 * answers, and sends with a template rendered into what the recipient sees.
 */
class MockTemplatesTests {

	private final MailgunMockServer mock = MailgunMockServer.start();

	private final MailgunTemplate mailgun = new MailgunTemplate(
			MailgunClientSettings.builder(this.mock.apiKey(), this.mock.domain()).baseUrl(this.mock.baseUrl()).build());

	private final TemplateOperations templates = this.mailgun.templates();

	@AfterEach
	void stop() {
		this.mock.close();
	}

	@Test
	void createGetUpdateAndDeleteThroughTheClient() {
		Template created = this.templates.create(TemplateRequest.builder("Welcome")
			.description("first mail")
			.createdBy("tests")
			.template("<p>Hi {{name}}</p>")
			.tag("v1")
			.comment("first")
			.header("Subject", "Welcome!")
			.build()).block();
		assertThat(created.name()).isEqualTo("welcome");
		assertThat(created.createdAt()).isNotNull();
		assertThat(created.version().tag()).isEqualTo("v1");
		assertThat(created.version().active()).isTrue();
		assertThat(created.version().headers()).containsEntry("Subject", "Welcome!");
		assertThat(this.mock.templates().names(this.mock.domain())).containsExactly("welcome");

		Template plain = this.templates.get("WELCOME").block();
		assertThat(plain.description()).isEqualTo("first mail");
		assertThat(plain.version()).isNull();
		Template active = this.templates.get("welcome", true).block();
		assertThat(active.version().template()).isEqualTo("<p>Hi {{name}}</p>");
		assertThat(active.id()).isEqualTo(created.id());

		TemplateChange updated = this.templates.update("welcome", "changed").block();
		assertThat(updated.message()).isEqualTo("template has been updated");
		assertThat(updated.templateName()).isEqualTo("welcome");
		assertThat(this.templates.get("welcome").block().description()).isEqualTo("changed");

		assertThat(this.templates.delete("welcome").block().message()).isEqualTo("template has been deleted");
		assertThatExceptionOfType(MailgunNotFoundException.class).isThrownBy(() -> this.templates.get("welcome").block())
			.withMessageContaining("template not found");
	}

	@Test
	void versionsThroughTheClient() {
		this.templates.create(TemplateRequest.builder("receipt").template("v1 {{total}}").tag("v1").build()).block();
		Template second = this.templates
			.createVersion("receipt", TemplateVersionRequest.builder("v2", "v2 {{total}}").comment("new").build())
			.block();
		assertThat(second.version().tag()).isEqualTo("v2");
		assertThat(second.version().active()).isFalse();
		this.templates.createVersion("receipt", TemplateVersionRequest.builder("v3", "v3").active(true).build())
			.block();
		assertThat(this.templates.get("receipt", true).block().version().tag()).isEqualTo("v3");

		TemplateVersion v2 = this.templates.getVersion("receipt", "v2").block();
		assertThat(v2.template()).isEqualTo("v2 {{total}}");
		assertThat(v2.comment()).isEqualTo("new");
		assertThat(v2.engine()).isEqualTo("handlebars");

		TemplateChange updated = this.templates
			.updateVersion("receipt", "v2", TemplateVersionUpdate.builder().template("v2b {{total}}").activate().build())
			.block();
		assertThat(updated.message()).isEqualTo("version has been updated");
		assertThat(updated.versionTag()).isEqualTo("v2");
		assertThat(this.templates.get("receipt", true).block().version().template()).isEqualTo("v2b {{total}}");

		TemplateVersion copy = this.templates.copyVersion("receipt", "v2", "v2-copy", "copied").block();
		assertThat(copy.tag()).isEqualTo("v2-copy");
		assertThat(copy.template()).isEqualTo("v2b {{total}}");
		assertThat(copy.comment()).isEqualTo("copied");

		assertThat(this.templates.deleteVersion("receipt", "v1").block().message()).isEqualTo("version has been deleted");
		assertThat(this.templates.listVersions("receipt").map(TemplateVersion::tag).collectList().block())
			.containsExactly("v2", "v2-copy", "v3");
		assertThatExceptionOfType(MailgunNotFoundException.class)
			.isThrownBy(() -> this.templates.getVersion("receipt", "v1").block())
			.withMessageContaining("version not found");
	}

	@Test
	void listsPageAcrossPagesWithTheClient() {
		for (int i = 0; i < 7; i++) {
			this.templates.create(TemplateRequest.builder("t" + i).template("<p>" + i + "</p>").build()).block();
			this.templates.createVersion("t0", TemplateVersionRequest.builder("v" + i, "x").build()).block();
		}
		assertThat(this.templates.list(3).map(Template::name).collectList().block())
			.containsExactly("t0", "t1", "t2", "t3", "t4", "t5", "t6");
		TemplatePage first = this.templates.listPage(5).block();
		assertThat(first.items()).hasSize(5);
		assertThat(this.templates.nextPage(first).block().items()).extracting(Template::name).containsExactly("t5", "t6");
		assertThat(this.templates.listVersions("t0", 2).map(TemplateVersion::tag).collectList().block())
			.containsExactly("initial", "v0", "v1", "v2", "v3", "v4", "v5", "v6");
		TemplateVersionPage versions = this.templates.listVersionsPage("t0", 3).block();
		assertThat(versions.paging().next()).contains("/templates/" + versions.template().id() + "/versions?page=next");
		assertThat(this.templates.nextVersionsPage(versions).block().versions()).extracting(TemplateVersion::tag)
			.containsExactly("v2", "v3", "v4");
	}

	@Test
	void answersInMailgunsJsonShape() {
		RawHttp http = new RawHttp(this.mock);
		String path = "/v3/" + this.mock.domain() + "/templates";
		HttpResponse<String> created = http.post(path, new RawHttp.Multipart().field("name", "Order.Shipped")
			.field("description", "d")
			.field("template", "<p>{{id}}</p>")
			.end());
		assertThat(created.statusCode()).isEqualTo(200);
		Map<String, Object> body = MockJson.readObject(created.body());
		assertThat(body).containsEntry("message", "template has been stored");
		@SuppressWarnings("unchecked")
		Map<String, Object> template = (Map<String, Object>) body.get("template");
		assertThat(template).containsKeys("name", "description", "createdAt", "createdBy", "id", "version")
			.containsEntry("name", "order.shipped");
		assertThat((String) template.get("createdAt")).matches("\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} UTC");
		@SuppressWarnings("unchecked")
		Map<String, Object> version = (Map<String, Object>) template.get("version");
		assertThat(version).containsEntry("tag", "initial")
			.containsEntry("engine", "handlebars")
			.containsEntry("active", true)
			.containsEntry("template", "<p>{{id}}</p>");

		HttpResponse<String> got = http.get(path + "/ORDER.SHIPPED?active=yes");
		assertThat(got.body()).contains("\"template\":{\"name\":\"order.shipped\"").contains("\"version\":{\"tag\":\"initial\"");
		assertThat(http.get(path + "/nope").body()).isEqualTo("{\"message\":\"template not found\"}");
		HttpResponse<String> duplicate = http.post(path, new RawHttp.Multipart().field("name", "order.shipped").end());
		assertThat(duplicate.statusCode()).isEqualTo(400);
		assertThat(duplicate.body()).contains("already exists");
		HttpResponse<String> broken = http.post(path,
				new RawHttp.Multipart().field("name", "broken").field("template", "{{#if a}}x").end());
		assertThat(broken.statusCode()).isEqualTo(400);
		assertThat(broken.body())
			.isEqualTo("{\"message\":\"invalid template: {{#if}} opened at line 1 is never closed\"}");
		assertThat(this.mock.templates().names(this.mock.domain())).containsExactly("order.shipped");
	}

	@Test
	void aSendWithATemplateShowsTheRenderedHtml() {
		this.templates.create(TemplateRequest.builder("order")
			.template("<h1>Hi {{user.name}}</h1>{{#each items}}<li>{{@index}} {{this}}</li>{{/each}}"
					+ "{{#equal plan \"gold\"}}<b>gold</b>{{/equal}}{{#if note}}{{note}}{{/if}}<i>{{ref}}</i>")
			.build()).block();
		this.mailgun.send(MailgunMessage.builder()
			.from("shop@" + this.mock.domain())
			.to("alice@example.com")
			.subject("Your order")
			.template("ORDER")
			.templateVariables(Map.of("user", Map.of("name", "Alice <3"), "items", List.of("pen", "ink"), "plan", "gold"))
			.variable("ref", "R-1")
			.build()).block();
		String expected = "<h1>Hi Alice &lt;3</h1><li>0 pen</li><li>1 ink</li><b>gold</b><i>R-1</i>";
		MockMessage message = this.mock.lastMessage();
		assertThat(message.renderedHtml()).isEqualTo(expected);
		assertThat(message.html()).isNull();
		StoredMessage stored = this.mailgun.storedMessage(message.storageKey()).block();
		assertThat(stored.bodyHtml()).isEqualTo(expected);
	}

	@Test
	void aSendRendersTheVersionItNames() {
		this.templates.create(TemplateRequest.builder("promo").template("one {{n}}").tag("a").build()).block();
		this.templates.createVersion("promo", TemplateVersionRequest.builder("b", "two {{n}}").build()).block();
		this.mailgun.send(MailgunMessage.builder()
			.from("shop@" + this.mock.domain())
			.to("bob@example.com")
			.template("promo")
			.templateVersion("b")
			.templateVariables("{\"n\": 2}")
			.build()).block();
		assertThat(this.mock.lastMessage().renderedHtml()).isEqualTo("two 2");
		assertThat(this.mock.templates().render(this.mock.domain(), "promo", null, "{\"n\": 1}")).isEqualTo("one 1");
		assertThat(this.mock.templates().render(this.mock.domain(), "nope", null, null)).isNull();
	}

	@Test
	void aSendNamingAMissingTemplateOrVersionIsRefused() {
		this.templates.create(TemplateRequest.builder("promo").template("x").build()).block();
		MailgunMessage.Builder message = MailgunMessage.builder()
			.from("shop@" + this.mock.domain())
			.to("bob@example.com");
		assertThatExceptionOfType(MailgunException.class)
			.isThrownBy(() -> this.mailgun.send(message.template("missing").build()).block())
			.withMessageContaining("template not found");
		assertThatExceptionOfType(MailgunException.class)
			.isThrownBy(() -> this.mailgun.send(message.template("promo").templateVersion("v9").build()).block())
			.withMessageContaining("version not found");
		assertThat(this.mock.sentMessages()).isEmpty();
	}

	@Test
	void resetForgetsTemplates() {
		this.templates.create(TemplateRequest.builder("a").build()).block();
		this.mock.reset();
		assertThat(this.mock.templates().names(this.mock.domain())).isEmpty();
		assertThat(this.templates.list().collectList().block()).isEmpty();
	}

}
