package io.github.springmailgun.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

/**
 * A new template ({@code POST /v3/{domain}/templates}). With content, Mailgun also creates its first
 * version and makes it active.
 *
 * @param name the name ({@code name}); Mailgun lower-cases it
 * @param description the description ({@code description}), or {@code null}
 * @param createdBy who creates it ({@code createdBy}), or {@code null}
 * @param template the content of the first version ({@code template}), or {@code null} for none
 * @param tag the tag of the first version ({@code tag}); Mailgun uses {@code initial} when content is
 * given without one
 * @param comment the comment of the first version ({@code comment}), or {@code null}
 * @param headers {@code From}, {@code Subject} and {@code Reply-To} values stored with the template
 * ({@code headers}, sent as JSON)
 */
public record TemplateRequest(String name, @Nullable String description, @Nullable String createdBy,
		@Nullable String template, @Nullable String tag, @Nullable String comment, Map<String, String> headers) {

	/**
	 * Checks the values before any request: a name is required, and a tag or comment only makes sense
	 * with content.
	 */
	public TemplateRequest {
		if (name == null || name.isBlank()) {
			throw new MailgunValidationException("name", "must not be blank");
		}
		if (template == null && (tag != null || comment != null)) {
			throw new MailgunValidationException((tag != null) ? "tag" : "comment",
					"needs template content: without it no version is created");
		}
		headers = (headers != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(headers)) : Map.of();
	}

	/**
	 * Starts a template with the given name.
	 * @param name the name
	 * @return a builder
	 */
	public static Builder builder(String name) {
		return new Builder(name);
	}

	/**
	 * Builds {@link TemplateRequest}.
	 */
	public static final class Builder {

		private final String name;

		private @Nullable String description;

		private @Nullable String createdBy;

		private @Nullable String template;

		private @Nullable String tag;

		private @Nullable String comment;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private Builder(String name) {
			this.name = name;
		}

		/**
		 * Sets the description.
		 * @param description the description
		 * @return this builder
		 */
		public Builder description(String description) {
			this.description = description;
			return this;
		}

		/**
		 * Sets who creates the template.
		 * @param createdBy free text, such as a user name
		 * @return this builder
		 */
		public Builder createdBy(String createdBy) {
			this.createdBy = createdBy;
			return this;
		}

		/**
		 * Sets the content of the first version.
		 * @param template the content
		 * @return this builder
		 */
		public Builder template(String template) {
			this.template = template;
			return this;
		}

		/**
		 * Sets the tag of the first version.
		 * @param tag the tag
		 * @return this builder
		 */
		public Builder tag(String tag) {
			this.tag = tag;
			return this;
		}

		/**
		 * Sets the comment of the first version.
		 * @param comment the comment
		 * @return this builder
		 */
		public Builder comment(String comment) {
			this.comment = comment;
			return this;
		}

		/**
		 * Adds a header stored with the template ({@code From}, {@code Subject} or {@code Reply-To}).
		 * @param name the header name
		 * @param value the header value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 * @throws MailgunValidationException when a value breaks one of Mailgun's rules
		 */
		public TemplateRequest build() {
			return new TemplateRequest(this.name, this.description, this.createdBy, this.template, this.tag,
					this.comment, this.headers);
		}

	}

}
