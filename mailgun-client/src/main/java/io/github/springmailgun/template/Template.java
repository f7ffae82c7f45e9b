package io.github.springmailgun.template;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A stored template of a domain.
 *
 * @param name the name (Mailgun lower-cases it)
 * @param description the description, or {@code null}
 * @param createdAt when it was created ({@code createdAt}), or {@code null}
 * @param createdBy who created it, as the creator wrote it ({@code createdBy}), or {@code null}
 * @param id Mailgun's id of the template, or {@code null}
 * @param version the active version (when asked for) or the version just created, or {@code null}
 * @param versions the versions, in the answer of a version list; empty otherwise
 */
public record Template(String name, @Nullable String description,
		@JsonDeserialize(using = MailgunDates.InstantDeserializer.class) @Nullable Instant createdAt,
		@Nullable String createdBy, @Nullable String id, @Nullable TemplateVersion version,
		List<TemplateVersion> versions) {

	/**
	 * Copies the versions and reads a missing name as empty.
	 */
	public Template {
		name = (name != null) ? name : "";
		versions = (versions != null) ? versions.stream().filter(Objects::nonNull).toList() : List.of();
	}

}
