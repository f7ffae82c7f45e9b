/**
 * Auto-configuration of the actuator support that keeps Mailgun secrets out of endpoint output.
 */
@NullMarked
package io.github.springmailgun.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
