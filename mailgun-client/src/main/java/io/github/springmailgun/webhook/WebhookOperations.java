package io.github.springmailgun.webhook;

import java.util.Collection;
import java.util.List;

import reactor.core.publisher.Mono;

/**
 * The webhooks of the bound domain ({@code /v3/domains/{domain}/webhooks} per event, and
 * {@code /v4/domains/{domain}/webhooks} per URL), and the account's HTTP webhook signing key. Obtained
 * from {@code mailgun.webhooks()}, or {@code mailgun.forDomain("other").webhooks()}.
 */
public interface WebhookOperations {

	/**
	 * Fetches the webhooks of the domain ({@code GET /v3/domains/{domain}/webhooks}).
	 * @return the URLs of every event that has some
	 */
	Mono<DomainWebhooks> list();

	/**
	 * Fetches the URLs of one event ({@code GET /v3/domains/{domain}/webhooks/{type}}).
	 * @param type the event
	 * @return the webhook
	 */
	Mono<DomainWebhook> get(DomainWebhookType type);

	/**
	 * Registers URLs for an event that has none yet ({@code POST /v3/domains/{domain}/webhooks}).
	 * @param type the event
	 * @param urls one to three URLs
	 * @return the webhook as registered
	 */
	Mono<DomainWebhook> create(DomainWebhookType type, List<String> urls);

	/**
	 * Replaces the URLs of an event ({@code PUT /v3/domains/{domain}/webhooks/{type}}).
	 * @param type the event
	 * @param urls one to three URLs
	 * @return the webhook as registered
	 */
	Mono<DomainWebhook> update(DomainWebhookType type, List<String> urls);

	/**
	 * Removes every URL of an event ({@code DELETE /v3/domains/{domain}/webhooks/{type}}).
	 * @param type the event
	 * @return the webhook with the URLs that were removed
	 */
	Mono<DomainWebhook> delete(DomainWebhookType type);

	/**
	 * Registers one URL for several events at once ({@code POST /v4/domains/{domain}/webhooks}).
	 * @param url the URL
	 * @param eventTypes the events, at least one
	 * @return the webhooks of the domain afterwards
	 */
	Mono<DomainWebhooks> createForEvents(String url, Collection<DomainWebhookType> eventTypes);

	/**
	 * Replaces the events a URL is registered for ({@code PUT /v4/domains/{domain}/webhooks}).
	 * @param url the URL
	 * @param eventTypes the events, at least one
	 * @return the webhooks of the domain afterwards
	 */
	Mono<DomainWebhooks> updateForEvents(String url, Collection<DomainWebhookType> eventTypes);

	/**
	 * Removes URLs from every event they are registered for ({@code DELETE /v4/domains/{domain}/webhooks}).
	 * @param urls the URLs, at least one
	 * @return the webhooks of the domain afterwards
	 */
	Mono<DomainWebhooks> deleteUrls(Collection<String> urls);

	/**
	 * Fetches the account's HTTP webhook signing key ({@code GET /v5/accounts/http_signing_key}).
	 * @return the key
	 */
	Mono<HttpSigningKey> signingKey();

	/**
	 * Replaces the account's HTTP webhook signing key with a new one
	 * ({@code POST /v5/accounts/http_signing_key}); webhooks signed with the old key no longer verify.
	 * @return the new key
	 */
	Mono<HttpSigningKey> rotateSigningKey();

	/**
	 * Returns the domain whose webhooks these are.
	 * @return the bound domain
	 */
	String domain();

}
