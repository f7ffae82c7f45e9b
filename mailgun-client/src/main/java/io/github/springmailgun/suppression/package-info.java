/**
 * Suppressions: bounces, unsubscribes, complaints and the allowlist of a sending domain.
 */
@NullMarked
package io.github.springmailgun.suppression;

import org.jspecify.annotations.NullMarked;
