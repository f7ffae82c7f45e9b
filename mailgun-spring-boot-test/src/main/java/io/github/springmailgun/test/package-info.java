/**
 * Test support for applications that send mail through Mailgun: {@link io.github.springmailgun.test.MailgunMockServer},
 * a local stand-in for Mailgun's API on loopback, and {@link io.github.springmailgun.test.MailgunMockExtension},
 * which runs one for JUnit tests.
 */
@NullMarked
package io.github.springmailgun.test;

import org.jspecify.annotations.NullMarked;
