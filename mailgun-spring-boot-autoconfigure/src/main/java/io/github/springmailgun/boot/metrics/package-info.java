/**
 * Micrometer metrics for Mailgun sends beyond the {@code mailgun.send} timer.
 */
@NullMarked
package io.github.springmailgun.boot.metrics;

import org.jspecify.annotations.NullMarked;
