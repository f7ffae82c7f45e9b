/**
 * Mailgun webhooks: {@link io.github.springmailgun.webhook.WebhookSignatureVerifier} checks that a
 * request came from Mailgun and was not replayed, {@link io.github.springmailgun.webhook.WebhookPayloadParser}
 * reads it into a typed {@link io.github.springmailgun.webhook.MailgunEvent}. Usable without Spring Boot.
 */
@NullMarked
package io.github.springmailgun.webhook;

import org.jspecify.annotations.NullMarked;
