package io.github.springmailgun.template;

import org.jspecify.annotations.Nullable;

/**
 * Mailgun's answer to an update or a deletion of a template or a version.
 *
 * @param message Mailgun's message, such as {@code template has been updated}
 * @param templateName the template that changed, or {@code null} when Mailgun did not name it
 * @param versionTag the version that changed, or {@code null} for a change of the template itself
 */
public record TemplateChange(String message, @Nullable String templateName, @Nullable String versionTag) {
}
