package io.github.springmailgun.webhook;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where Mailgun stored the message of an event, from {@code event-data.storage}; the message can be
 * fetched with the API key for Mailgun's retention period.
 *
 * @param key the storage key
 * @param url the URL Mailgun serves the stored message at; check that it is a Mailgun host before sending
 * the API key to it
 */
public record StorageLocation(@Nullable String key, @Nullable String url) {

	/**
	 * Reads the storage location from the {@code storage} object, if it names a key or a URL.
	 * @param storage the parsed storage object
	 * @return the location, or {@code null} when the object has neither
	 */
	public static @Nullable StorageLocation fromJson(Map<?, ?> storage) {
		String key = JsonValues.text(storage, "key");
		String url = JsonValues.text(storage, "url");
		return (key != null || url != null) ? new StorageLocation(key, url) : null;
	}

}
