/**
 * Runtime support for sending in a Spring application: a send idempotency store on a Spring cache.
 */
@NullMarked
package io.github.springmailgun.boot.message;

import org.jspecify.annotations.NullMarked;
