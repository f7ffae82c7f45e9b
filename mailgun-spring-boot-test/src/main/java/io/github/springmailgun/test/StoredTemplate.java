package io.github.springmailgun.test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One template of {@link MockTemplates} with its versions, and their JSON as Mailgun writes it. Guarded by
 * the lock of {@link MockTemplates}.
 */
final class StoredTemplate {

	final String name;

	final String id = UUID.randomUUID().toString();

	final Instant createdAt;

	final @Nullable String createdBy;

	@Nullable String description;

	/** Versions by tag, in Mailgun's order. */
	final TreeMap<String, Version> versions = new TreeMap<>();

	StoredTemplate(String name, @Nullable String description, @Nullable String createdBy, Instant createdAt) {
		this.name = name;
		this.description = description;
		this.createdBy = createdBy;
		this.createdAt = createdAt;
	}

	@Nullable Version active() {
		for (Version version : this.versions.values()) {
			if (version.active) {
				return version;
			}
		}
		return null;
	}

	void activate(Version version) {
		this.versions.values().forEach((other) -> other.active = false);
		version.active = true;
	}

	/**
	 * The template as Mailgun writes it.
	 * @param version a version to include with its content, or {@code null}
	 * @return the JSON object
	 */
	Map<String, Object> json(@Nullable Version version) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("name", this.name);
		json.put("description", (this.description != null) ? this.description : "");
		json.put("createdAt", MockDates.withZoneName(this.createdAt));
		json.put("createdBy", (this.createdBy != null) ? this.createdBy : "");
		json.put("id", this.id);
		if (version != null) {
			json.put("version", version.json(true));
		}
		return json;
	}

	/** One version: content compiled when stored. */
	static final class Version {

		final String tag;

		final String id = UUID.randomUUID().toString();

		final Instant createdAt;

		String template;

		Handlebars compiled;

		String comment = "";

		boolean active;

		Map<String, String> headers = Map.of();

		Version(String tag, String template, Handlebars compiled, Instant createdAt) {
			this.tag = tag;
			this.template = template;
			this.compiled = compiled;
			this.createdAt = createdAt;
		}

		/**
		 * The version as Mailgun writes it; lists of versions leave the content out.
		 * @param content whether to include the content
		 * @return the JSON object
		 */
		Map<String, Object> json(boolean content) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("tag", this.tag);
			json.put("template", content ? this.template : "");
			json.put("engine", "handlebars");
			json.put("mjml", "");
			json.put("createdAt", MockDates.withZoneName(this.createdAt));
			json.put("comment", this.comment);
			json.put("active", this.active);
			json.put("id", this.id);
			json.put("headers", this.headers);
			return json;
		}

	}

}
