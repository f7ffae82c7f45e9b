/**
 * JMH benchmarks of building and encoding a message.
 */
@NullMarked
package io.github.springmailgun.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
