/**
 * Test support for a real Redis server: the {@code redis} tag and where the server is.
 */
package io.github.springmailgun.autoconfigure.redis;
