/**
 * The Mailgun API client: {@link io.github.springmailgun.MailgunOperations} and its settings.
 */
@NullMarked
package io.github.springmailgun;

import org.jspecify.annotations.NullMarked;
