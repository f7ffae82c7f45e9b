/**
 * Domains of the account and their tracking settings: state, DNS records, verification, and open,
 * click and unsubscribe tracking.
 */
@NullMarked
package io.github.springmailgun.domain;

import org.jspecify.annotations.NullMarked;
