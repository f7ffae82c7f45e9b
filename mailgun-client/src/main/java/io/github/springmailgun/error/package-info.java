/**
 * Exceptions raised by the Mailgun client.
 */
@NullMarked
package io.github.springmailgun.error;

import org.jspecify.annotations.NullMarked;
