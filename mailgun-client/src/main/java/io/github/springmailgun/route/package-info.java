/**
 * The Routes API: rules that decide what Mailgun does with mail it receives. Routes belong to the
 * account, not to a domain.
 */
@NullMarked
package io.github.springmailgun.route;

import org.jspecify.annotations.NullMarked;
