package io.github.springmailgun.template;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for the single calls of {@link TemplateOperations} against a loopback server, with Mailgun's
 * documented examples. Paging is in {@link TemplatePagingTests}.
 */
class TemplateOperationsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final Instant NOV_1955 = Instant.parse("1955-11-12T06:38:00Z");

	private final LoopbackMailgun mailgun = new LoopbackMailgun();

	private final TemplateOperations templates = this.mailgun.mailgun().templates();

	@AfterEach
	void close() {
		this.mailgun.close();
	}

	@Test
	void createPostsEveryFieldAndReadsTheStoredTemplate() {
		this.mailgun.enqueueFixture("template/create-template.json");
		Template template = this.templates.create(TemplateRequest.builder("template_name")
			.description("This is the description of the template")
			.createdBy("user-supplied-value")
			.template("<html>template content</html>")
			.tag("tag")
			.comment("Version comment")
			.header("From", "from@header.tld")
			.header("Subject", "Subject Value")
			.build()).block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/templates");
		assertThat(LoopbackMailgun.multipartFields(request)).containsExactly(entry("name", List.of("template_name")),
				entry("description", List.of("This is the description of the template")),
				entry("createdBy", List.of("user-supplied-value")),
				entry("template", List.of("<html>template content</html>")), entry("tag", List.of("tag")),
				entry("comment", List.of("Version comment")),
				entry("headers", List.of("{\"From\":\"from@header.tld\",\"Subject\":\"Subject Value\"}")));
		assertThat(template).isNotNull();
		assertThat(template.name()).isEqualTo("template_name");
		assertThat(template.description()).isEqualTo("This is the description of the template");
		assertThat(template.createdAt()).isEqualTo(NOV_1955);
		assertThat(template.createdBy()).isEqualTo("user-supplied-value");
		assertThat(template.id()).isEqualTo("46565d87-68b6-4edb-8b3c-34554af4bb77");
		assertThat(template.versions()).isEmpty();
		assertFixtureVersion(template.version());
	}

	@Test
	void createWithANameOnlySendsTheName() {
		this.mailgun.enqueueFixture("template/create-template.json");
		this.templates.create(TemplateRequest.builder("welcome").build()).block(TIMEOUT);
		assertThat(LoopbackMailgun.multipartFields(this.mailgun.takeRequest()))
			.containsExactly(entry("name", List.of("welcome")));
	}

	@Test
	void createRefusesAVersionTagWithoutContent() {
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> TemplateRequest.builder("welcome").tag("v1").build())
			.satisfies(ex -> assertThat(ex.getParameter()).isEqualTo("tag"));
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> TemplateRequest.builder(" ").build())
			.satisfies(ex -> assertThat(ex.getParameter()).isEqualTo("name"));
	}

	@Test
	void getReadsTheTemplateWithoutAskingForContent() {
		this.mailgun.enqueueFixture("template/get-template.json");
		Template template = this.templates.get("template_name").block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/templates/template_name");
		assertThat(template).isNotNull();
		assertThat(template.name()).isEqualTo("template_name");
		assertThat(template.createdAt()).isEqualTo(NOV_1955);
	}

	@Test
	void getWithActiveVersionAsksForItAndReadsTheContent() {
		this.mailgun.enqueueFixture("template/get-template.json");
		Template template = this.templates.get("template_name", true).block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/templates/template_name?active=yes");
		assertThat(template).isNotNull();
		assertFixtureVersion(template.version());
	}

	@Test
	void templateNamesAreEncodedAsOnePathSegment() {
		this.mailgun.enqueueFixture("template/get-template.json");
		this.templates.get("welcome mail/v2").block(TIMEOUT);
		assertThat(this.mailgun.takeRequest().getTarget())
			.isEqualTo("/v3/mg.example.com/templates/welcome%20mail%2Fv2");
	}

	@Test
	void updatePutsTheDescription() {
		this.mailgun.enqueueFixture("template/update-template.json");
		TemplateChange change = this.templates.update("template_name", "New description").block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("PUT");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/templates/template_name");
		assertThat(LoopbackMailgun.multipartFields(request))
			.containsExactly(entry("description", List.of("New description")));
		assertThat(change).isEqualTo(new TemplateChange("template has been updated", "template_name", null));
	}

	@Test
	void deleteDeletesTheTemplate() {
		this.mailgun.enqueueFixture("template/delete-template.json");
		TemplateChange change = this.templates.delete("template_name").block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/templates/template_name");
		assertThat(change).isEqualTo(new TemplateChange("template has been deleted", "template_name", null));
	}

	@Test
	void createVersionPostsTheVersion() {
		this.mailgun.enqueueFixture("template/create-version.json");
		Template template = this.templates.createVersion("template_name",
				TemplateVersionRequest.builder("tag", "<html>template content</html>")
					.comment("Version comment")
					.active(true)
					.header("Reply-To", "reply-to@header.tld")
					.build())
			.block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/templates/template_name/versions");
		assertThat(LoopbackMailgun.multipartFields(request)).containsExactly(
				entry("template", List.of("<html>template content</html>")), entry("tag", List.of("tag")),
				entry("comment", List.of("Version comment")), entry("active", List.of("yes")),
				entry("headers", List.of("{\"Reply-To\":\"reply-to@header.tld\"}")));
		assertThat(template).isNotNull();
		assertThat(template.name()).isEqualTo("template_name");
		assertFixtureVersion(template.version());
	}

	@Test
	void createVersionNeedsTagAndContent() {
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> TemplateVersionRequest.builder("v1", "").build())
			.satisfies(ex -> assertThat(ex.getParameter()).isEqualTo("template"));
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> TemplateVersionRequest.builder("", "<p>hi</p>").build())
			.satisfies(ex -> assertThat(ex.getParameter()).isEqualTo("tag"));
	}

	@Test
	void getVersionReadsTheVersionWithItsContent() {
		this.mailgun.enqueueFixture("template/get-version.json");
		TemplateVersion version = this.templates.getVersion("template_name", "tag").block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/templates/template_name/versions/tag");
		assertFixtureVersion(version);
	}

	@Test
	void updateVersionPutsOnlyTheFieldsSet() {
		this.mailgun.enqueueFixture("template/update-version.json");
		TemplateChange change = this.templates.updateVersion("template_name", "tag",
				TemplateVersionUpdate.builder().template("<p>new</p>").activate().build())
			.block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("PUT");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/templates/template_name/versions/tag");
		assertThat(LoopbackMailgun.multipartFields(request)).containsExactly(entry("template", List.of("<p>new</p>")),
				entry("active", List.of("yes")));
		assertThat(change).isEqualTo(new TemplateChange("version has been updated", "template_name", "tag"));
	}

	@Test
	void updateVersionThatChangesNothingIsRefused() {
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> TemplateVersionUpdate.builder().build());
	}

	@Test
	void deleteVersionDeletesIt() {
		this.mailgun.enqueueFixture("template/delete-version.json");
		TemplateChange change = this.templates.deleteVersion("template_name", "tag").block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/templates/template_name/versions/tag");
		assertThat(change).isEqualTo(new TemplateChange("version has been deleted", "template_name", "tag"));
	}

	@Test
	void copyVersionPutsToTheCopyPathWithTheCommentInTheQuery() {
		this.mailgun.enqueueFixture("template/copy-version.json");
		TemplateVersion copy = this.templates
			.copyVersion("template_name", "v1", "cloned version", "a comment value from copy")
			.block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("PUT");
		assertThat(request.getUrl().encodedPath())
			.isEqualTo("/v3/mg.example.com/templates/template_name/versions/v1/copy/cloned%20version");
		assertThat(LoopbackMailgun.query(request, "comment")).isEqualTo("a comment value from copy");
		assertThat(copy).isNotNull();
		assertThat(copy.tag()).isEqualTo("cloned version");
		assertThat(copy.template()).isEqualTo("<p>{{firstname}} {{lastname}}</p>");
		assertThat(copy.engine()).isEqualTo("handlebars");
		assertThat(copy.comment()).isEqualTo("a comment value from copy");
		assertThat(copy.createdAt()).isEqualTo(Instant.parse("2025-03-21T15:00:44Z"));
		assertThat(copy.id()).isEqualTo("95658c55-e93a-40d5-a02f-a4fadfbbb3ca");
	}

	@Test
	void copyVersionWithoutCommentSendsNoQuery() {
		this.mailgun.enqueueFixture("template/copy-version.json");
		this.templates.copyVersion("template_name", "v1", "v2", null).block(TIMEOUT);
		assertThat(this.mailgun.takeRequest().getTarget())
			.isEqualTo("/v3/mg.example.com/templates/template_name/versions/v1/copy/v2");
	}

	@Test
	void forDomainBindsTemplatesToTheOtherDomain() {
		this.mailgun.enqueueFixture("template/get-template.json");
		this.mailgun.mailgun().forDomain("other.example.com").templates().get("welcome").block(TIMEOUT);
		assertThat(this.mailgun.takeRequest().getTarget()).isEqualTo("/v3/other.example.com/templates/welcome");
	}

	private static void assertFixtureVersion(TemplateVersion version) {
		assertThat(version).isNotNull();
		assertThat(version.tag()).isEqualTo("tag");
		assertThat(version.template()).isEqualTo("<html>template content</html>");
		assertThat(version.engine()).isEqualTo("handlebars");
		assertThat(version.createdAt()).isEqualTo(NOV_1955);
		assertThat(version.comment()).isEqualTo("Version comment");
		assertThat(version.active()).isTrue();
		assertThat(version.id()).isEqualTo("3efd2b85-0f41-4a1d-9898-05d7e7459c4a");
		assertThat(version.headers()).isEqualTo(Map.of("From", "from@header.tld", "Reply-To",
				"reply-to@header.tld", "Subject", "Subject Value"));
	}

}
