package io.github.springmailgun.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Mailgun's Templates API ({@code /v3/{domain}/templates}) over the store of {@link MockTemplates}: the
 * messages and JSON shapes of Mailgun's API reference. Each request runs under the store's lock.
 */
final class TemplateEndpoints {

	/** Mailgun's default and largest page of templates and of versions. */
	private static final int PAGE = 100;

	private static final int MAX_TEMPLATES = 100;

	private static final int MAX_VERSIONS = 40;

	private final MockTemplates store;

	TemplateEndpoints(MockTemplates store) {
		this.store = store;
	}

	void register(MockRoutes routes) {
		String templates = "/v3/{domain}/templates";
		String template = templates + "/{name}";
		String version = template + "/versions/{tag}";
		routes.api("GET", templates, this.store.locked(this::list))
			.api("POST", templates, this.store.locked(this::create))
			.api("DELETE", templates, this.store.locked(this::deleteAll))
			.api("GET", template, this.store.locked(this::get))
			.api("PUT", template, this.store.locked(this::update))
			.api("DELETE", template, this.store.locked(this::delete))
			.api("GET", template + "/versions", this.store.locked(this::listVersions))
			.api("POST", template + "/versions", this.store.locked(this::createVersion))
			.api("GET", version, this.store.locked(this::getVersion))
			.api("PUT", version, this.store.locked(this::updateVersion))
			.api("DELETE", version, this.store.locked(this::deleteVersion))
			.api("PUT", version + "/copy/{newTag}", this.store.locked(this::copyVersion));
	}

	private MockAnswer list(MockCall call) {
		List<StoredTemplate> ordered = new ArrayList<>(this.store.templates(call.domain().name()).values());
		Function<StoredTemplate, Object> json = (template) -> {
			Map<String, Object> item = template.json(null);
			if (template.createdBy == null) {
				item.remove("createdBy");
			}
			return item;
		};
		return MockAnswer.ok(MockPaging.page(call, ordered, (template) -> template.name, "p", PAGE, PAGE, json),
				"templates");
	}

	private MockAnswer create(MockCall call) {
		String name = call.parameter("name");
		if (name == null || name.isBlank()) {
			throw new BadRequestException("name is required");
		}
		String key = name.strip().toLowerCase(Locale.ROOT);
		TreeMap<String, StoredTemplate> templates = this.store.templates(call.domain().name());
		if (templates.containsKey(key)) {
			throw new BadRequestException("template with name '" + Texts.abbreviate(key) + "' already exists");
		}
		if (templates.size() >= MAX_TEMPLATES) {
			throw new BadRequestException("template limit reached: a domain stores up to " + MAX_TEMPLATES);
		}
		StoredTemplate template = new StoredTemplate(key, call.parameter("description"), call.parameter("createdBy"),
				this.store.clock().now());
		String content = call.parameter("template");
		StoredTemplate.Version version = null;
		if (content != null) {
			String tag = call.parameter("tag");
			version = newVersion((tag != null && !tag.isBlank()) ? tag.strip() : "initial", content, call);
			version.active = true;
			template.versions.put(version.tag, version);
		}
		templates.put(key, template);
		return MockAnswer.ok(changed("template has been stored", template.json(version)), "template " + key);
	}

	private MockAnswer deleteAll(MockCall call) {
		this.store.templates(call.domain().name()).clear();
		return MockAnswer.ok(Map.of("message", "templates have been deleted"), "templates deleted");
	}

	private MockAnswer get(MockCall call) {
		StoredTemplate template = template(call);
		boolean active = "yes".equalsIgnoreCase(call.query("active"));
		return MockAnswer.ok(Map.of("template", template.json(active ? template.active() : null)),
				"template " + template.name);
	}

	private MockAnswer update(MockCall call) {
		StoredTemplate template = template(call);
		String description = call.parameter("description");
		if (description != null) {
			template.description = description;
		}
		return MockAnswer.ok(changed("template has been updated", Map.of("name", template.name)),
				"template " + template.name + " updated");
	}

	private MockAnswer delete(MockCall call) {
		StoredTemplate template = template(call);
		this.store.templates(call.domain().name()).remove(template.name);
		return MockAnswer.ok(changed("template has been deleted", Map.of("name", template.name)),
				"template " + template.name + " deleted");
	}

	private MockAnswer listVersions(MockCall call) {
		StoredTemplate template = template(call);
		int limit = MockPaging.limit(call, PAGE, PAGE);
		String pivot = call.query("p");
		List<StoredTemplate.Version> page = MockPaging.select(new ArrayList<>(template.versions.values()),
				(version) -> version.tag, call.query("page"), pivot, limit);
		List<Object> items = new ArrayList<>();
		page.forEach((version) -> items.add(version.json(false)));
		Map<String, Object> json = template.json(null);
		json.put("versions", items);
		// Mailgun's links name the template by its id, not by the name this page was asked for by.
		String url = call.baseUrl() + "/v3/" + call.domain().name() + "/templates/" + template.id + "/versions";
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("template", json);
		body.put("paging", MockPaging.links(url, "p", page.isEmpty() ? pivot : page.get(0).tag,
				page.isEmpty() ? pivot : page.get(page.size() - 1).tag, limit));
		return MockAnswer.ok(body, "versions of " + template.name);
	}

	private MockAnswer createVersion(MockCall call) {
		StoredTemplate template = template(call);
		String content = call.parameter("template");
		String tag = call.parameter("tag");
		if (content == null) {
			throw new BadRequestException("template is required");
		}
		if (tag == null || tag.isBlank()) {
			throw new BadRequestException("tag is required");
		}
		if (template.versions.containsKey(tag.strip())) {
			throw new BadRequestException("version with tag '" + Texts.abbreviate(tag.strip()) + "' already exists");
		}
		if (template.versions.size() >= MAX_VERSIONS) {
			throw new BadRequestException("version limit reached: a template stores up to " + MAX_VERSIONS);
		}
		StoredTemplate.Version version = newVersion(tag.strip(), content, call);
		if (template.versions.isEmpty() || "yes".equalsIgnoreCase(call.parameter("active"))) {
			template.activate(version);
		}
		template.versions.put(version.tag, version);
		return MockAnswer.ok(changed("new version of the template has been stored", template.json(version)),
				"version " + version.tag);
	}

	private MockAnswer getVersion(MockCall call) {
		StoredTemplate template = template(call);
		StoredTemplate.Version version = version(template, call.variable("tag"));
		return MockAnswer.ok(Map.of("template", template.json(version)), "version " + version.tag);
	}

	private MockAnswer updateVersion(MockCall call) {
		StoredTemplate template = template(call);
		StoredTemplate.Version version = version(template, call.variable("tag"));
		String content = call.parameter("template");
		// Everything is checked before anything changes.
		Handlebars compiled = (content != null) ? compile(content) : null;
		Map<String, String> headers = headers(call);
		if (content != null && compiled != null) {
			version.template = content;
			version.compiled = compiled;
		}
		String comment = call.parameter("comment");
		if (comment != null) {
			version.comment = comment;
		}
		if (headers != null) {
			version.headers = headers;
		}
		if ("yes".equalsIgnoreCase(call.parameter("active"))) {
			template.activate(version);
		}
		return MockAnswer.ok(changed("version has been updated", versionRef(template, version)),
				"version " + version.tag + " updated");
	}

	private MockAnswer deleteVersion(MockCall call) {
		StoredTemplate template = template(call);
		StoredTemplate.Version version = version(template, call.variable("tag"));
		template.versions.remove(version.tag);
		return MockAnswer.ok(changed("version has been deleted", versionRef(template, version)),
				"version " + version.tag + " deleted");
	}

	private MockAnswer copyVersion(MockCall call) {
		StoredTemplate template = template(call);
		StoredTemplate.Version source = version(template, call.variable("tag"));
		String newTag = call.variable("newTag");
		StoredTemplate.Version replaced = template.versions.get(newTag);
		if (replaced == null && template.versions.size() >= MAX_VERSIONS) {
			throw new BadRequestException("version limit reached: a template stores up to " + MAX_VERSIONS);
		}
		StoredTemplate.Version copy = new StoredTemplate.Version(newTag, source.template, source.compiled,
				this.store.clock().now());
		String comment = call.query("comment");
		copy.comment = (comment != null) ? comment : source.comment;
		copy.headers = source.headers;
		// The copy takes the place of the version it replaces, active or not.
		copy.active = replaced != null && replaced.active;
		template.versions.put(newTag, copy);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", "version has been copied");
		body.put("version", copy.json(true));
		return MockAnswer.ok(body, "version " + newTag + " copied");
	}

	private StoredTemplate template(MockCall call) {
		StoredTemplate template = this.store.find(call.domain().name(), call.variable("name"));
		if (template == null) {
			throw new MockTemplates.NotFoundException("template not found");
		}
		return template;
	}

	private static StoredTemplate.Version version(StoredTemplate template, String tag) {
		StoredTemplate.Version version = template.versions.get(tag);
		if (version == null) {
			throw new MockTemplates.NotFoundException("version not found");
		}
		return version;
	}

	private StoredTemplate.Version newVersion(String tag, String content, MockCall call) {
		StoredTemplate.Version version = new StoredTemplate.Version(tag, content, compile(content),
				this.store.clock().now());
		String comment = call.parameter("comment");
		version.comment = (comment != null) ? comment : "";
		Map<String, String> headers = headers(call);
		version.headers = (headers != null) ? headers : Map.of();
		return version;
	}

	private static Handlebars compile(String content) {
		try {
			return Handlebars.compile(content);
		}
		catch (Handlebars.SyntaxException ex) {
			throw new BadRequestException("invalid template: " + ex.getMessage());
		}
	}

	/** The stored headers: a JSON object of strings (Mailgun applies From, Subject and Reply-To). */
	private static @Nullable Map<String, String> headers(MockCall call) {
		String json = call.parameter("headers");
		if (json == null) {
			return null;
		}
		Map<String, Object> parsed = MockJson.readObject(json);
		if (parsed == null) {
			throw new BadRequestException("headers must be a JSON object, got: '" + Texts.abbreviate(json) + "'");
		}
		Map<String, String> headers = new LinkedHashMap<>();
		parsed.forEach((name, value) -> {
			if (!(value instanceof String text)) {
				throw new BadRequestException("header '" + Texts.abbreviate(name) + "' must be a string");
			}
			headers.put(name, text);
		});
		return headers;
	}

	private static Map<String, Object> changed(String message, Map<String, Object> template) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", message);
		body.put("template", template);
		return body;
	}

	private static Map<String, Object> versionRef(StoredTemplate template, StoredTemplate.Version version) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("name", template.name);
		json.put("version", Map.of("tag", version.tag));
		return json;
	}

}
