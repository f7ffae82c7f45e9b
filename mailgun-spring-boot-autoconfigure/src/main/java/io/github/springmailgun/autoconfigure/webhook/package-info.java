/**
 * Auto-configured Mailgun webhook endpoint: verifies each request, publishes it as a
 * {@link io.github.springmailgun.webhook.MailgunWebhookEvent} and remembers its token, in
 * memory or in a Spring {@link org.springframework.cache.Cache} shared by every instance.
 */
@NullMarked
package io.github.springmailgun.autoconfigure.webhook;

import io.github.springmailgun.webhook.MailgunWebhookEvent;
import org.jspecify.annotations.NullMarked;
