/**
 * Mailgun webhooks: the domain webhooks Mailgun posts events to, and the HTTP webhook signing key.
 */
@NullMarked
package io.github.springmailgun.webhook;

import org.jspecify.annotations.NullMarked;
