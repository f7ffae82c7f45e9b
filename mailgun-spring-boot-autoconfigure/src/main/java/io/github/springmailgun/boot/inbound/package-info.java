/**
 * Runtime support for mail received through Mailgun's routes in a Spring application: the
 * stack-independent request handler that reads Mailgun's post within its own limits, verifies it and
 * publishes a {@link io.github.springmailgun.inbound.MailgunInboundMessage}.
 */
@NullMarked
package io.github.springmailgun.boot.inbound;

import org.jspecify.annotations.NullMarked;
