/**
 * Spring Boot test support: {@link io.github.springmailgun.test.autoconfigure.AutoConfigureMailgunMock}
 * points the starter at a {@link io.github.springmailgun.test.MailgunMockServer}.
 */
@NullMarked
package io.github.springmailgun.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
