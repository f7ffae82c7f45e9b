/**
 * HTTP plumbing of the client; not part of the public API and may change without notice.
 */
@NullMarked
package io.github.springmailgun.internal;

import org.jspecify.annotations.NullMarked;
