package io.github.springmailgun;

import io.github.springmailgun.domain.DomainOperations;
import io.github.springmailgun.domain.TrackingOperations;
import io.github.springmailgun.analytics.AnalyticsOperations;
import io.github.springmailgun.message.BatchMessage;
import io.github.springmailgun.message.BatchResult;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.MessageOperations;
import io.github.springmailgun.message.MimeMessageRequest;
import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.message.StoredMessage;
import io.github.springmailgun.route.RouteOperations;
import io.github.springmailgun.template.TemplateOperations;
import io.github.springmailgun.webhook.WebhookOperations;
import io.github.springmailgun.suppression.AllowlistOperations;
import io.github.springmailgun.suppression.BounceOperations;
import io.github.springmailgun.suppression.ComplaintOperations;
import io.github.springmailgun.suppression.UnsubscribeOperations;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Mailgun API, reactive. Every method checks its input before any network call and fails with a
 * {@link io.github.springmailgun.error.MailgunException}; nothing happens until the result is
 * subscribed. Bound to one sending domain; {@link #forDomain(String)} gives a view bound to another.
 */
public interface MailgunOperations {

	/**
	 * Returns sending: messages, MIME, batches and stored messages, for the bound domain.
	 * @return the message operations
	 */
	MessageOperations messages();

	/**
	 * Sends a message; the same as {@code messages().send(message)}.
	 * @param message the message
	 * @return Mailgun's answer: the message id
	 * @see MessageOperations#send(MailgunMessage)
	 */
	default Mono<SendResponse> send(MailgunMessage message) {
		return messages().send(message);
	}

	/**
	 * Sends a message built as MIME; the same as {@code messages().sendMime(request)}.
	 * @param request the MIME and its envelope recipients
	 * @return Mailgun's answer: the message id
	 * @see MessageOperations#sendMime(MimeMessageRequest)
	 */
	default Mono<SendResponse> sendMime(MimeMessageRequest request) {
		return messages().sendMime(request);
	}

	/**
	 * Sends one message to many recipients; the same as {@code messages().sendBatch(batch)}.
	 * @param batch the message and its recipients
	 * @return one result per request
	 * @see MessageOperations#sendBatch(BatchMessage)
	 */
	default Flux<BatchResult> sendBatch(BatchMessage batch) {
		return messages().sendBatch(batch);
	}

	/**
	 * Retrieves a stored message; the same as {@code messages().storedMessage(storageKeyOrUrl)}.
	 * @param storageKeyOrUrl the storage key or URL
	 * @return the stored message
	 * @see MessageOperations#storedMessage(String)
	 */
	default Mono<StoredMessage> storedMessage(String storageKeyOrUrl) {
		return messages().storedMessage(storageKeyOrUrl);
	}

	/**
	 * Sends a stored message again; the same as {@code messages().resend(storageKeyOrUrl, to)}.
	 * @param storageKeyOrUrl the storage key or URL
	 * @param to the recipients
	 * @return Mailgun's answer: the id of the new message
	 * @see MessageOperations#resend(String, String...)
	 */
	default Mono<SendResponse> resend(String storageKeyOrUrl, String... to) {
		return messages().resend(storageKeyOrUrl, to);
	}

	/**
	 * Returns the same operations bound to another sending domain of the account.
	 * @param domain the other domain
	 * @return a view bound to that domain
	 */
	MailgunOperations forDomain(String domain);

	/**
	 * Returns the sending domain these operations are bound to.
	 * @return the domain
	 */
	String domain();

	/**
	 * Returns the domains of the account: state, DNS records and verification; calls without a name
	 * use the bound domain.
	 * @return the domain operations
	 */
	DomainOperations domains();

	/**
	 * Returns the open, click and unsubscribe tracking settings of the bound domain.
	 * @return the tracking operations
	 */
	TrackingOperations tracking();

	/**
	 * Returns the stored templates of the bound domain and their versions.
	 * @return the template operations
	 */
	TemplateOperations templates();

	/**
	 * Returns the webhooks of the bound domain and the account's webhook signing key.
	 * @return the webhook operations
	 */
	WebhookOperations webhooks();

	/**
	 * Returns the bounce table of the domain ({@code /v3/{domain}/bounces}).
	 * @return the bounce operations
	 */
	BounceOperations bounces();

	/**
	 * Returns the unsubscribe table of the domain ({@code /v3/{domain}/unsubscribes}).
	 * @return the unsubscribe operations
	 */
	UnsubscribeOperations unsubscribes();

	/**
	 * Returns the complaint table of the domain ({@code /v3/{domain}/complaints}).
	 * @return the complaint operations
	 */
	ComplaintOperations complaints();

	/**
	 * Returns the allowlist of the domain ({@code /v3/{domain}/whitelists}).
	 * @return the allowlist operations
	 */
	AllowlistOperations allowlist();

	/**
	 * Returns the analytics APIs: account-level metrics and logs, and the domain's deprecated stats and
	 * events.
	 * @return the analytics operations
	 */
	AnalyticsOperations analytics();

	/**
	 * Returns the routes of the account ({@code /v3/routes}): what Mailgun does with received mail.
	 * Routes are account-wide, not per domain, so every {@link #forDomain(String)} view sees the same.
	 * @return the route operations
	 */
	RouteOperations routes();

}
