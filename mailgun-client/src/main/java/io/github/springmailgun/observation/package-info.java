/**
 * Micrometer observations of Mailgun sends.
 */
@NullMarked
package io.github.springmailgun.observation;

import org.jspecify.annotations.NullMarked;
