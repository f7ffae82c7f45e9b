/**
 * Auto-configured endpoint for mail received through Mailgun's routes: reads each post within its own
 * limits, verifies it and publishes it as a {@link io.github.springmailgun.inbound.MailgunInboundMessage}.
 */
@NullMarked
package io.github.springmailgun.autoconfigure.inbound;

import org.jspecify.annotations.NullMarked;
