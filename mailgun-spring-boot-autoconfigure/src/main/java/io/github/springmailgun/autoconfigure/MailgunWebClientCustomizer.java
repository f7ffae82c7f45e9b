package io.github.springmailgun.autoconfigure;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Customizes the {@link WebClient.Builder} the Mailgun client is built from (filters, codecs, a
 * connector), without touching the application's other web clients.
 */
@FunctionalInterface
public interface MailgunWebClientCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the Mailgun client's own builder
	 */
	void customize(WebClient.Builder builder);

}
