/**
 * Spring Boot auto-configuration for Mailgun: properties, connection details and the client beans.
 */
@NullMarked
package io.github.springmailgun.autoconfigure;

import org.jspecify.annotations.NullMarked;
