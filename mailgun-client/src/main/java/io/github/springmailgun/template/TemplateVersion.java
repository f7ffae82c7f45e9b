package io.github.springmailgun.template;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One version of a template. Lists of versions leave the content out; fetch a version to get it.
 *
 * @param tag the version name, unique within the template
 * @param template the content, or {@code null} when Mailgun left it out
 * @param engine the rendering engine, such as {@code handlebars}, or {@code null}
 * @param mjml the MJML source, or {@code null}
 * @param createdAt when the version was created ({@code createdAt}), or {@code null}
 * @param comment the comment, or {@code null}
 * @param active whether this is the version used when a message names no version
 * @param id Mailgun's id of the version, or {@code null}
 * @param headers the {@code From}, {@code Subject} and {@code Reply-To} values stored with the version
 */
public record TemplateVersion(String tag, @Nullable String template, @Nullable String engine, @Nullable String mjml,
		@JsonDeserialize(using = MailgunDates.InstantDeserializer.class) @Nullable Instant createdAt,
		@Nullable String comment, @JsonSetter(nulls = Nulls.AS_EMPTY) boolean active, @Nullable String id,
		Map<String, String> headers) {

	/**
	 * Copies the headers and reads a missing tag as empty.
	 */
	public TemplateVersion {
		tag = (tag != null) ? tag : "";
		headers = (headers != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(headers)) : Map.of();
	}

}
