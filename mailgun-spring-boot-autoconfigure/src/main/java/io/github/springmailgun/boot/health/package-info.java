/**
 * Actuator health indicator for Mailgun sending domains.
 */
@NullMarked
package io.github.springmailgun.boot.health;

import org.jspecify.annotations.NullMarked;
