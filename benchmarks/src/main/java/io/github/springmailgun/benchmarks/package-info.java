/**
 * Benchmarks of the Mailgun client against a hand-written {@code WebClient} and the official SDK: the
 * load harness, the memory, batch and start-up checks, and the stubs they send to. Not deployed.
 */
@NullMarked
package io.github.springmailgun.benchmarks;

import org.jspecify.annotations.NullMarked;
