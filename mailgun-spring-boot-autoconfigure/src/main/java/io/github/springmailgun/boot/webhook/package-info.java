/**
 * Runtime support for Mailgun webhooks in a Spring application: the stack-independent request handler
 * that publishes verified webhooks as application events, and a token store on a Spring cache.
 */
@NullMarked
package io.github.springmailgun.boot.webhook;

import org.jspecify.annotations.NullMarked;
