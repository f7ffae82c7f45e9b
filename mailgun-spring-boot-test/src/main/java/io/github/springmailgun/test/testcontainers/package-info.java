/**
 * Testcontainers support: {@link io.github.springmailgun.test.testcontainers.MailgunMockContainer} runs
 * the Mailgun mock in a container built locally by
 * {@link io.github.springmailgun.test.testcontainers.MailgunMockImage}, and Spring Boot's
 * {@code @ServiceConnection} points the starter at it. Needs {@code org.testcontainers:testcontainers}
 * (and {@code spring-boot-testcontainers} for {@code @ServiceConnection}) on the test class path.
 */
@NullMarked
package io.github.springmailgun.test.testcontainers;

import org.jspecify.annotations.NullMarked;
