/**
 * Auto-configuration of the Mailgun health contributor.
 */
@NullMarked
package io.github.springmailgun.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
