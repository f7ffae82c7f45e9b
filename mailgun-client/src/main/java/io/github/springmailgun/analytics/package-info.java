/**
 * Analytics: the account's Metrics and Logs APIs, and the domain's deprecated Stats and Events APIs.
 */
@NullMarked
package io.github.springmailgun.analytics;

import org.jspecify.annotations.NullMarked;
