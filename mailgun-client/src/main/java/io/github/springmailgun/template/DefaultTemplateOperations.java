package io.github.springmailgun.template;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.ApiRequest;
import io.github.springmailgun.internal.Json;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.internal.MultipartBody;
import io.github.springmailgun.internal.PageFollower;
import io.github.springmailgun.internal.ResponseFields;
import io.github.springmailgun.message.FormField;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

/**
 * {@link TemplateOperations} over the client's HTTP plumbing. Forms are sent as
 * {@code multipart/form-data}, the encoding Mailgun's OpenAPI document gives for them. Created by
 * {@link io.github.springmailgun.MailgunTemplate}; thread-safe.
 */
public final class DefaultTemplateOperations implements TemplateOperations {

	/** Mailgun's default and largest page size for templates and versions. */
	private static final int MAX_PAGE_SIZE = 100;

	private final MailgunHttp http;

	private final String domain;

	private final PageFollower<TemplatePage, Template> templatePages;

	private final PageFollower<TemplateVersionPage, TemplateVersion> versionPages;

	/**
	 * Creates the operations for a bound domain.
	 * @param http the plumbing
	 * @param domain the domain whose templates these are
	 */
	public DefaultTemplateOperations(MailgunHttp http, String domain) {
		this.http = http;
		this.domain = domain;
		this.templatePages = new PageFollower<>(http, DefaultTemplateOperations::readTemplatePage,
				TemplatePage::items, page -> page.paging().next());
		this.versionPages = new PageFollower<>(http, DefaultTemplateOperations::readVersionPage,
				TemplateVersionPage::versions, page -> page.paging().next());
	}

	@Override
	public String domain() {
		return this.domain;
	}

	@Override
	public Mono<Template> create(TemplateRequest request) {
		return Mono.defer(() -> {
			if (request == null) {
				throw new MailgunValidationException("name", "the request must not be null");
			}
			List<FormField> fields = new ArrayList<>();
			fields.add(new FormField("name", request.name()));
			add(fields, "description", request.description());
			add(fields, "createdBy", request.createdBy());
			add(fields, "template", request.template());
			add(fields, "tag", request.tag());
			add(fields, "comment", request.comment());
			addHeaders(fields, request.headers());
			URI uri = this.http.uri("/v3/{domain}/templates", this.domain);
			// A repeated create could store a second version: never retried after it may have arrived.
			return this.http.exchange(new ApiRequest(HttpMethod.POST, uri, MultipartBody.of(fields, List.of()), false),
					body -> ResponseFields.read(body, "template", Template.class));
		});
	}

	@Override
	public Mono<Template> get(String name) {
		return get(name, false);
	}

	@Override
	public Mono<Template> get(String name, boolean withActiveVersion) {
		return Mono.defer(() -> {
			Map<String, Object> query = new LinkedHashMap<>();
			if (withActiveVersion) {
				query.put("active", "yes");
			}
			URI uri = this.http.uri("/v3/{domain}/templates/{name}", query, this.domain, requireName(name));
			return this.http.exchange(ApiRequest.of(HttpMethod.GET, uri),
					body -> ResponseFields.read(body, "template", Template.class));
		});
	}

	@Override
	public Flux<Template> list() {
		return list(MAX_PAGE_SIZE);
	}

	@Override
	public Flux<Template> list(int pageSize) {
		return Flux.defer(() -> this.templatePages.items(firstTemplatePage(pageSize)));
	}

	@Override
	public Mono<TemplatePage> listPage(int limit) {
		return Mono.defer(() -> this.templatePages.page(firstTemplatePage(limit)));
	}

	@Override
	public Mono<TemplatePage> nextPage(TemplatePage page) {
		return Mono.defer(() -> {
			String next = requirePage(page).paging().next();
			return (next != null) ? this.templatePages.page("paging.next", next) : Mono.empty();
		});
	}

	@Override
	public Mono<TemplateChange> update(String name, String description) {
		return Mono.defer(() -> {
			if (description == null) {
				throw new MailgunValidationException("description", "must not be null");
			}
			URI uri = this.http.uri("/v3/{domain}/templates/{name}", this.domain, requireName(name));
			MultipartBody body = MultipartBody.of(List.of(new FormField("description", description)), List.of());
			return this.http.exchange(new ApiRequest(HttpMethod.PUT, uri, body, true),
					DefaultTemplateOperations::readChange);
		});
	}

	@Override
	public Mono<TemplateChange> delete(String name) {
		return Mono.defer(() -> this.http.exchange(
				ApiRequest.of(HttpMethod.DELETE,
						this.http.uri("/v3/{domain}/templates/{name}", this.domain, requireName(name))),
				DefaultTemplateOperations::readChange));
	}

	@Override
	public Mono<Template> createVersion(String templateName, TemplateVersionRequest request) {
		return Mono.defer(() -> {
			String name = requireName(templateName);
			if (request == null) {
				throw new MailgunValidationException("tag", "the request must not be null");
			}
			List<FormField> fields = new ArrayList<>();
			fields.add(new FormField("template", request.template()));
			fields.add(new FormField("tag", request.tag()));
			add(fields, "comment", request.comment());
			if (request.active()) {
				fields.add(new FormField("active", "yes"));
			}
			addHeaders(fields, request.headers());
			URI uri = this.http.uri("/v3/{domain}/templates/{name}/versions", this.domain, name);
			return this.http.exchange(new ApiRequest(HttpMethod.POST, uri, MultipartBody.of(fields, List.of()), false),
					body -> ResponseFields.read(body, "template", Template.class));
		});
	}

	@Override
	public Mono<TemplateVersion> getVersion(String templateName, String tag) {
		return Mono.defer(() -> {
			URI uri = this.http.uri("/v3/{domain}/templates/{name}/versions/{tag}", this.domain,
					requireName(templateName), requireTag("tag", tag));
			return this.http.exchange(ApiRequest.of(HttpMethod.GET, uri), body -> {
				TemplateVersion version = ResponseFields.read(body, "template", Template.class).version();
				if (version == null) {
					throw new IllegalArgumentException("no 'template.version' in the response");
				}
				return version;
			});
		});
	}

	@Override
	public Flux<TemplateVersion> listVersions(String templateName) {
		return listVersions(templateName, MAX_PAGE_SIZE);
	}

	@Override
	public Flux<TemplateVersion> listVersions(String templateName, int pageSize) {
		return Flux.defer(() -> this.versionPages.items(firstVersionPage(templateName, pageSize)));
	}

	@Override
	public Mono<TemplateVersionPage> listVersionsPage(String templateName, int limit) {
		return Mono.defer(() -> this.versionPages.page(firstVersionPage(templateName, limit)));
	}

	@Override
	public Mono<TemplateVersionPage> nextVersionsPage(TemplateVersionPage page) {
		return Mono.defer(() -> {
			String next = requirePage(page).paging().next();
			return (next != null) ? this.versionPages.page("paging.next", next) : Mono.empty();
		});
	}

	@Override
	public Mono<TemplateChange> updateVersion(String templateName, String tag, TemplateVersionUpdate update) {
		return Mono.defer(() -> {
			URI uri = this.http.uri("/v3/{domain}/templates/{name}/versions/{tag}", this.domain,
					requireName(templateName), requireTag("tag", tag));
			if (update == null) {
				throw new MailgunValidationException("template", "the update must not be null");
			}
			List<FormField> fields = new ArrayList<>();
			add(fields, "template", update.template());
			add(fields, "comment", update.comment());
			if (update.active()) {
				fields.add(new FormField("active", "yes"));
			}
			addHeaders(fields, update.headers());
			return this.http.exchange(new ApiRequest(HttpMethod.PUT, uri, MultipartBody.of(fields, List.of()), true),
					DefaultTemplateOperations::readChange);
		});
	}

	@Override
	public Mono<TemplateChange> deleteVersion(String templateName, String tag) {
		return Mono.defer(() -> this.http.exchange(
				ApiRequest.of(HttpMethod.DELETE, this.http.uri("/v3/{domain}/templates/{name}/versions/{tag}",
						this.domain, requireName(templateName), requireTag("tag", tag))),
				DefaultTemplateOperations::readChange));
	}

	@Override
	public Mono<TemplateVersion> copyVersion(String templateName, String tag, String newTag,
			@Nullable String comment) {
		return Mono.defer(() -> {
			Map<String, Object> query = new LinkedHashMap<>();
			if (comment != null) {
				query.put("comment", comment);
			}
			URI uri = this.http.uri("/v3/{domain}/templates/{name}/versions/{tag}/copy/{newTag}", query, this.domain,
					requireName(templateName), requireTag("tag", tag), requireTag("new_version_name", newTag));
			// The copy replaces any version of the new tag: repeating it gives the same result.
			return this.http.exchange(new ApiRequest(HttpMethod.PUT, uri, null, true),
					DefaultTemplateOperations::readCopy);
		});
	}

	private URI firstTemplatePage(int limit) {
		return this.http.uri("/v3/{domain}/templates", Map.of("limit", requireLimit(limit)), this.domain);
	}

	private URI firstVersionPage(String templateName, int limit) {
		return this.http.uri("/v3/{domain}/templates/{name}/versions", Map.of("limit", requireLimit(limit)),
				this.domain, requireName(templateName));
	}

	private static int requireLimit(int limit) {
		if (limit < 1 || limit > MAX_PAGE_SIZE) {
			throw new MailgunValidationException("limit", "must be between 1 and " + MAX_PAGE_SIZE + ", was " + limit);
		}
		return limit;
	}

	private static String requireName(String name) {
		if (name == null || name.isBlank()) {
			throw new MailgunValidationException("template_name", "must not be blank");
		}
		return name;
	}

	private static String requireTag(String parameter, String tag) {
		if (tag == null || tag.isBlank()) {
			throw new MailgunValidationException(parameter, "must not be blank");
		}
		return tag;
	}

	private static <P> P requirePage(@Nullable P page) {
		if (page == null) {
			throw new MailgunValidationException("page", "must not be null");
		}
		return page;
	}

	private static void add(List<FormField> fields, String name, @Nullable String value) {
		if (value != null) {
			fields.add(new FormField(name, value));
		}
	}

	private static void addHeaders(List<FormField> fields, Map<String, String> headers) {
		if (!headers.isEmpty()) {
			fields.add(new FormField("headers", new String(Json.write(headers), StandardCharsets.UTF_8)));
		}
	}

	private static TemplatePage readTemplatePage(byte[] body) {
		TemplatePage page = Json.mapper().readValue(body, TemplatePage.class);
		if (page == null) {
			throw new IllegalArgumentException("no page in the response");
		}
		return page;
	}

	private static TemplateVersionPage readVersionPage(byte[] body) {
		TemplateVersionPage page = Json.mapper().readValue(body, TemplateVersionPage.class);
		if (page == null || page.template() == null) {
			throw new IllegalArgumentException("no 'template' in the response");
		}
		return page;
	}

	private static TemplateChange readChange(byte[] body) {
		JsonNode root = ResponseFields.object(body);
		String message = ResponseFields.text(root, "message");
		JsonNode template = root.path("template");
		String versionTag = ResponseFields.text(template.path("version"), "tag");
		return new TemplateChange((message != null) ? message : "", ResponseFields.text(template, "name"),
				versionTag);
	}

	private static TemplateVersion readCopy(byte[] body) {
		JsonNode root = ResponseFields.object(body);
		// "template" is the deprecated name of the same member.
		return ResponseFields.read(root, root.hasNonNull("version") ? "version" : "template", TemplateVersion.class);
	}

}
