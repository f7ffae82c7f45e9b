/**
 * Mailgun webhooks: {@link io.github.springmailgun.webhook.WebhookPayloadParser} reads a request into a
 * typed {@link io.github.springmailgun.event.MailgunEvent}, and
 * {@link io.github.springmailgun.webhook.WebhookSignatureVerifier} checks that it came from Mailgun and was
 * not processed before. Usable without Spring Boot:
 *
 * <pre class="code">
 * WebhookPayload payload = parser.parse(body);
 * WebhookVerification verification = verifier.verify(payload.signature());
 * handle(payload.event()); // when this throws, answer an error: Mailgun retries with the same token
 * verifier.markProcessed(verification);
 * </pre>
 *
 * {@link io.github.springmailgun.webhook.WebhookOperations} manages the domain's webhook subscriptions and
 * the account's signing key. Every rejection is a {@link io.github.springmailgun.webhook.WebhookVerificationException} with a
 * {@link io.github.springmailgun.webhook.WebhookVerificationException.Reason reason}.
 */
@NullMarked
package io.github.springmailgun.webhook;

import org.jspecify.annotations.NullMarked;
