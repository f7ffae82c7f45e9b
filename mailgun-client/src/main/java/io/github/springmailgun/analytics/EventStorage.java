package io.github.springmailgun.analytics;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * Where Mailgun keeps a copy of the message; pass the URL or key to
 * {@link io.github.springmailgun.MailgunOperations#storedMessage(String)}.
 *
 * @param url the URL of the stored message
 * @param key the storage key
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventStorage(@Nullable String url, @Nullable String key) {
}
