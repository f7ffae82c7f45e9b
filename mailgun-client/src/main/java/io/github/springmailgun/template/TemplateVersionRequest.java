package io.github.springmailgun.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

/**
 * A new version of a template ({@code POST /v3/{domain}/templates/{name}/versions}).
 *
 * @param tag the version name ({@code tag}), unique within the template
 * @param template the content ({@code template})
 * @param comment the comment ({@code comment}), or {@code null}
 * @param active whether the version becomes the active one ({@code active=yes})
 * @param headers {@code From}, {@code Subject} and {@code Reply-To} values stored with the version
 * ({@code headers}, sent as JSON)
 */
public record TemplateVersionRequest(String tag, String template, @Nullable String comment, boolean active,
		Map<String, String> headers) {

	/**
	 * Checks the required values before any request.
	 */
	public TemplateVersionRequest {
		if (tag == null || tag.isBlank()) {
			throw new MailgunValidationException("tag", "must not be blank");
		}
		if (template == null || template.isEmpty()) {
			throw new MailgunValidationException("template", "must not be empty");
		}
		headers = (headers != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(headers)) : Map.of();
	}

	/**
	 * Starts a version with its tag and content.
	 * @param tag the version name
	 * @param template the content
	 * @return a builder
	 */
	public static Builder builder(String tag, String template) {
		return new Builder(tag, template);
	}

	/**
	 * Builds {@link TemplateVersionRequest}.
	 */
	public static final class Builder {

		private final String tag;

		private final String template;

		private @Nullable String comment;

		private boolean active;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private Builder(String tag, String template) {
			this.tag = tag;
			this.template = template;
		}

		/**
		 * Sets the comment.
		 * @param comment the comment
		 * @return this builder
		 */
		public Builder comment(String comment) {
			this.comment = comment;
			return this;
		}

		/**
		 * Sets whether the version becomes the active one.
		 * @param active whether to activate it
		 * @return this builder
		 */
		public Builder active(boolean active) {
			this.active = active;
			return this;
		}

		/**
		 * Adds a header stored with the version ({@code From}, {@code Subject} or {@code Reply-To}).
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
		 * @throws MailgunValidationException when the tag or the content is missing
		 */
		public TemplateVersionRequest build() {
			return new TemplateVersionRequest(this.tag, this.template, this.comment, this.active, this.headers);
		}

	}

}
