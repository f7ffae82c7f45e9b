/**
 * Spring's mail abstraction ({@code JavaMailSender}) on top of the Mailgun client.
 */
@NullMarked
package io.github.springmailgun.mail;

import org.jspecify.annotations.NullMarked;
