package io.github.springmailgun.webhook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhooks of a domain: for each event, the URLs Mailgun posts it to. Events without URLs are
 * left out; names this client does not know yet are kept.
 *
 * @param urlsByName the URLs by webhook name, in Mailgun's order
 */
public record DomainWebhooks(Map<String, List<String>> urlsByName) {

	/**
	 * Copies the map and its lists.
	 */
	public DomainWebhooks {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		urlsByName.forEach((name, urls) -> copy.put(name, List.copyOf(urls)));
		urlsByName = Collections.unmodifiableMap(copy);
	}

	/**
	 * Returns the URLs of one event.
	 * @param type the event
	 * @return the URLs, empty when none is registered
	 */
	public List<String> urls(DomainWebhookType type) {
		return this.urlsByName.getOrDefault(type.wireValue(), List.of());
	}

	/**
	 * Returns each registered webhook.
	 * @return the webhooks, in Mailgun's order
	 */
	public List<DomainWebhook> webhooks() {
		List<DomainWebhook> webhooks = new ArrayList<>(this.urlsByName.size());
		this.urlsByName.forEach((name, urls) -> webhooks.add(new DomainWebhook(name, urls)));
		return webhooks;
	}

}
