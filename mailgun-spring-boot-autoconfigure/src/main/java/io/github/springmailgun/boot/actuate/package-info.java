/**
 * Actuator support: keeps Mailgun secrets out of endpoint output.
 */
@NullMarked
package io.github.springmailgun.boot.actuate;

import org.jspecify.annotations.NullMarked;
