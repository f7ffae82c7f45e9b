/**
 * The one typed model of a Mailgun event: a sealed {@link io.github.springmailgun.event.MailgunEvent} with
 * a record per event type, and {@link io.github.springmailgun.event.UnknownEvent} for the others, kept
 * with all their JSON. Webhooks, the Events API and the Logs API send the same JSON and are read into it
 * alike, tolerantly: a field of the wrong type reads as absent, never as an error.
 */
@NullMarked
package io.github.springmailgun.event;

import org.jspecify.annotations.NullMarked;
