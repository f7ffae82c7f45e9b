package io.github.springmailgun.webhook;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The URLs Mailgun posts one kind of event of a domain to.
 *
 * @param name the webhook name as Mailgun writes it ({@code delivered}, {@code permanent_fail}, ...)
 * @param urls the URLs, at most three
 */
public record DomainWebhook(String name, List<String> urls) {

	/**
	 * Copies the URLs.
	 */
	public DomainWebhook {
		urls = List.copyOf(urls);
	}

	/**
	 * Returns the type of the webhook.
	 * @return the type, or {@code null} for a name this client does not know
	 */
	public @Nullable DomainWebhookType type() {
		return DomainWebhookType.of(this.name);
	}

}
