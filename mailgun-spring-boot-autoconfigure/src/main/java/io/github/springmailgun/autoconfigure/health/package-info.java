/**
 * Actuator health indicator for Mailgun sending domains.
 */
@NullMarked
package io.github.springmailgun.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
