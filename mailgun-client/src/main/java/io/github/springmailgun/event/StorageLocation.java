package io.github.springmailgun.event;

import org.jspecify.annotations.Nullable;

/**
 * Where Mailgun stored the message of an event, from {@code event-data.storage}; the message can be
 * fetched with the API key for Mailgun's retention period.
 *
 * @param key the storage key
 * @param url the URL Mailgun serves the stored message at; webhook signatures do not cover it, so
 * {@code storedMessage(url)} follows it only on a trusted host and in the stored-message shape
 */
public record StorageLocation(@Nullable String key, @Nullable String url) {
}
