/**
 * Mail received through Mailgun's routes: {@link io.github.springmailgun.inbound.MailgunInboundMessage},
 * the verified message a route forwarded, with its headers, bodies and
 * {@link io.github.springmailgun.inbound.InboundAttachment attachments} held in temporary files until the
 * message is closed.
 */
@NullMarked
package io.github.springmailgun.inbound;

import org.jspecify.annotations.NullMarked;
