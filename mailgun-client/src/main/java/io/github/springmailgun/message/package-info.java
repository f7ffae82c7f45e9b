/**
 * Messages to send through Mailgun, their attachments, and what Mailgun answers.
 */
@NullMarked
package io.github.springmailgun.message;

import org.jspecify.annotations.NullMarked;
