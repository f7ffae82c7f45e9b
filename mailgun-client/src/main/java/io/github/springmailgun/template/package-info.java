/**
 * Stored templates of a domain and their versions.
 */
@NullMarked
package io.github.springmailgun.template;

import org.jspecify.annotations.NullMarked;
