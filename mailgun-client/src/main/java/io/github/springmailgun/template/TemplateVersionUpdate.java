package io.github.springmailgun.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

/**
 * A change to a version of a template ({@code PUT /v3/{domain}/templates/{name}/versions/{tag}}).
 * Values left unset are not sent, and Mailgun keeps them.
 *
 * @param template the new content ({@code template}), or {@code null}
 * @param comment the new comment ({@code comment}), or {@code null}
 * @param active whether to make the version the active one ({@code active=yes}); {@code false} leaves it
 * as it is
 * @param headers new {@code From}, {@code Subject} and {@code Reply-To} values ({@code headers}, sent as
 * JSON); empty to keep them
 */
public record TemplateVersionUpdate(@Nullable String template, @Nullable String comment, boolean active,
		Map<String, String> headers) {

	/**
	 * Checks that the update changes something.
	 */
	public TemplateVersionUpdate {
		headers = (headers != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(headers)) : Map.of();
		if (template == null && comment == null && !active && headers.isEmpty()) {
			throw new MailgunValidationException("template", "set template, comment, active or headers");
		}
	}

	/**
	 * Starts an update.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link TemplateVersionUpdate}.
	 */
	public static final class Builder {

		private @Nullable String template;

		private @Nullable String comment;

		private boolean active;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the new content.
		 * @param template the content
		 * @return this builder
		 */
		public Builder template(String template) {
			this.template = template;
			return this;
		}

		/**
		 * Sets the new comment.
		 * @param comment the comment
		 * @return this builder
		 */
		public Builder comment(String comment) {
			this.comment = comment;
			return this;
		}

		/**
		 * Makes the version the active one.
		 * @return this builder
		 */
		public Builder activate() {
			this.active = true;
			return this;
		}

		/**
		 * Sets a header stored with the version ({@code From}, {@code Subject} or {@code Reply-To}).
		 * @param name the header name
		 * @param value the header value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		/**
		 * Builds the update.
		 * @return the update
		 * @throws MailgunValidationException when nothing is set
		 */
		public TemplateVersionUpdate build() {
			return new TemplateVersionUpdate(this.template, this.comment, this.active, this.headers);
		}

	}

}
