package io.github.springmailgun.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.jspecify.annotations.Nullable;

/**
 * The unsubscribe tracking setting of a domain: whether Mailgun adds an unsubscribe link, and the
 * footers it adds it with.
 *
 * @param active whether the link is added
 * @param htmlFooter the footer of HTML parts, or {@code null}
 * @param textFooter the footer of text parts, or {@code null}
 */
public record UnsubscribeTracking(@JsonSetter(nulls = Nulls.AS_EMPTY) boolean active,
		@JsonProperty("html_footer") @Nullable String htmlFooter,
		@JsonProperty("text_footer") @Nullable String textFooter) {
}
