package io.github.springmailgun;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.springmailgun.internal.ApiPaths;
import io.github.springmailgun.internal.Json;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.internal.Paging;
import io.github.springmailgun.internal.Parameters;
import io.github.springmailgun.internal.ResponseFields;
import io.github.springmailgun.template.Template;
import io.github.springmailgun.template.TemplateChange;
import io.github.springmailgun.template.TemplateOperations;
import io.github.springmailgun.template.TemplatePage;
import io.github.springmailgun.template.TemplateRequest;
import io.github.springmailgun.template.TemplateVersion;
import io.github.springmailgun.template.TemplateVersionPage;
import io.github.springmailgun.template.TemplateVersionRequest;
import io.github.springmailgun.template.TemplateVersionUpdate;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

/**
 * {@link TemplateOperations} over the client's HTTP plumbing. Forms are sent as
 * {@code multipart/form-data}, the encoding Mailgun's OpenAPI document gives for them. Created by
 * {@link MailgunTemplate}; thread-safe.
 */
final class DefaultTemplateOperations extends AbstractAreaOperations implements TemplateOperations {

	/** Mailgun's default and largest page size for templates and versions. */
	private static final int MAX_PAGE_SIZE = 100;

	private static final String TEMPLATES = "/v3/{domain}/templates";

	private static final String TEMPLATE = TEMPLATES + "/{template_name}";

	private static final String VERSIONS = TEMPLATE + "/versions";

	private static final String VERSION = VERSIONS + "/{tag}";

	DefaultTemplateOperations(MailgunHttp http, String domain) {
		super(http, domain);
	}

	@Override
	public Mono<Template> create(TemplateRequest request) {
		return Mono.defer(() -> {
			requireNonNull("name", request);
			Parameters form = new Parameters().add("name", request.name())
				.add("description", request.description())
				.add("createdBy", request.createdBy())
				.add("template", request.template())
				.add("tag", request.tag())
				.add("comment", request.comment())
				.add("headers", headers(request.headers()));
			// A repeated create could store a second version: never retried after it may have arrived.
			return exchange(HttpMethod.POST, this.http.uri(TEMPLATES, this.domain), multipart(form), false,
					DefaultTemplateOperations::readTemplate);
		});
	}

	@Override
	public Mono<Template> get(String name) {
		return get(name, false);
	}

	@Override
	public Mono<Template> get(String name, boolean withActiveVersion) {
		return Mono.defer(() -> get(new Parameters().add("active", withActiveVersion ? "yes" : null)
			.toUri(this.http, TEMPLATE, this.domain, requireText("template_name", name)),
				DefaultTemplateOperations::readTemplate));
	}

	@Override
	public Flux<Template> list() {
		return list(MAX_PAGE_SIZE);
	}

	@Override
	public Flux<Template> list(int pageSize) {
		return Flux.defer(() -> Paging.links(this.http, templatesPage(pageSize),
				DefaultTemplateOperations::readTemplatePage, TemplatePage::items, (page) -> page.paging().next()));
	}

	@Override
	public Mono<TemplatePage> listPage(int limit) {
		return Mono.defer(() -> get(templatesPage(limit), DefaultTemplateOperations::readTemplatePage));
	}

	@Override
	public Mono<TemplatePage> nextPage(TemplatePage page) {
		return Mono.defer(() -> nextPage(requireNonNull("page", page).paging().next(),
				ApiPaths.list(this.http.uri(TEMPLATES, this.domain).getRawPath()), DefaultTemplateOperations::readTemplatePage));
	}

	@Override
	public Mono<TemplateChange> update(String name, String description) {
		return Mono.defer(() -> {
			Parameters form = new Parameters().add("description", requireNonNull("description", description));
			URI uri = this.http.uri(TEMPLATE, this.domain, requireText("template_name", name));
			return exchange(HttpMethod.PUT, uri, multipart(form), true, DefaultTemplateOperations::readChange);
		});
	}

	@Override
	public Mono<TemplateChange> delete(String name) {
		return Mono.defer(() -> exchange(HttpMethod.DELETE,
				this.http.uri(TEMPLATE, this.domain, requireText("template_name", name)), null, true,
				DefaultTemplateOperations::readChange));
	}

	@Override
	public Mono<Template> createVersion(String templateName, TemplateVersionRequest request) {
		return Mono.defer(() -> {
			URI uri = this.http.uri(VERSIONS, this.domain, requireText("template_name", templateName));
			requireNonNull("tag", request);
			Parameters form = new Parameters().add("template", request.template())
				.add("tag", request.tag())
				.add("comment", request.comment())
				.add("active", request.active() ? "yes" : null)
				.add("headers", headers(request.headers()));
			return exchange(HttpMethod.POST, uri, multipart(form), false, DefaultTemplateOperations::readTemplate);
		});
	}

	@Override
	public Mono<TemplateVersion> getVersion(String templateName, String tag) {
		return Mono.defer(() -> get(versionUri(templateName, tag), (body) -> ResponseFields
			.read(ResponseFields.object(body).path("template"), "version", TemplateVersion.class)));
	}

	@Override
	public Flux<TemplateVersion> listVersions(String templateName) {
		return listVersions(templateName, MAX_PAGE_SIZE);
	}

	@Override
	public Flux<TemplateVersion> listVersions(String templateName, int pageSize) {
		return Flux.defer(() -> Paging.links(this.http, versionsPage(templateName, pageSize), versionLinks(),
				DefaultTemplateOperations::readVersionPage, TemplateVersionPage::versions,
				(page) -> page.paging().next()));
	}

	@Override
	public Mono<TemplateVersionPage> listVersionsPage(String templateName, int limit) {
		return Mono.defer(() -> get(versionsPage(templateName, limit), DefaultTemplateOperations::readVersionPage));
	}

	@Override
	public Mono<TemplateVersionPage> nextVersionsPage(TemplateVersionPage page) {
		return Mono.defer(() -> nextPage(requireNonNull("page", page).paging().next(), versionLinks(),
				DefaultTemplateOperations::readVersionPage));
	}

	@Override
	public Mono<TemplateChange> updateVersion(String templateName, String tag, TemplateVersionUpdate update) {
		return Mono.defer(() -> {
			URI uri = versionUri(templateName, tag);
			requireNonNull("template", update);
			Parameters form = new Parameters().add("template", update.template())
				.add("comment", update.comment())
				.add("active", update.active() ? "yes" : null)
				.add("headers", headers(update.headers()));
			return exchange(HttpMethod.PUT, uri, multipart(form), true, DefaultTemplateOperations::readChange);
		});
	}

	@Override
	public Mono<TemplateChange> deleteVersion(String templateName, String tag) {
		return Mono.defer(() -> exchange(HttpMethod.DELETE, versionUri(templateName, tag), null, true,
				DefaultTemplateOperations::readChange));
	}

	@Override
	public Mono<TemplateVersion> copyVersion(String templateName, String tag, String newTag,
			@Nullable String comment) {
		return Mono.defer(() -> {
			URI uri = new Parameters().add("comment", comment)
				.toUri(this.http, VERSION + "/copy/{new_version_name}", this.domain, requireText("template_name", templateName),
						requireText("tag", tag), requireText("new_version_name", newTag));
			// The copy replaces any version of the new tag: repeating it gives the same result.
			return exchange(HttpMethod.PUT, uri, null, true, DefaultTemplateOperations::readCopy);
		});
	}

	private <P> Mono<P> nextPage(@Nullable String next, ApiPaths.Shape shape, MailgunHttp.ResponseReader<P> reader) {
		return (next != null) ? Paging.page(this.http, next, shape, reader) : Mono.empty();
	}

	/** Mailgun's version links name the template by its id, not by the name the first page used. */
	private ApiPaths.Shape versionLinks() {
		return ApiPaths.list(this.http.uri(TEMPLATES, this.domain).getRawPath() + "/*/versions");
	}

	private URI versionUri(String templateName, String tag) {
		return this.http.uri(VERSION, this.domain, requireText("template_name", templateName), requireText("tag", tag));
	}

	private URI templatesPage(int limit) {
		return new Parameters().add("limit", requireLimit(limit, MAX_PAGE_SIZE)).toUri(this.http, TEMPLATES, this.domain);
	}

	private URI versionsPage(String templateName, int limit) {
		return new Parameters().add("limit", requireLimit(limit, MAX_PAGE_SIZE))
			.toUri(this.http, VERSIONS, this.domain, requireText("template_name", templateName));
	}

	/** The stored headers travel as one field of JSON. */
	private static @Nullable String headers(Map<String, String> headers) {
		return headers.isEmpty() ? null : new String(Json.write(headers), StandardCharsets.UTF_8);
	}

	private static Template readTemplate(byte[] body) {
		return ResponseFields.read(body, "template", Template.class);
	}

	private static TemplatePage readTemplatePage(byte[] body) {
		return Json.read(body, TemplatePage.class);
	}

	private static TemplateVersionPage readVersionPage(byte[] body) {
		return Json.read(body, TemplateVersionPage.class);
	}

	private static TemplateChange readChange(byte[] body) {
		JsonNode root = ResponseFields.object(body);
		String message = ResponseFields.text(root, "message");
		JsonNode template = root.path("template");
		return new TemplateChange((message != null) ? message : "", ResponseFields.text(template, "name"),
				ResponseFields.text(template.path("version"), "tag"));
	}

	private static TemplateVersion readCopy(byte[] body) {
		JsonNode root = ResponseFields.object(body);
		// "template" is the deprecated name of the same member.
		return ResponseFields.read(root, root.hasNonNull("version") ? "version" : "template", TemplateVersion.class);
	}

}
