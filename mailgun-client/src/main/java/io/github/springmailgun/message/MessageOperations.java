package io.github.springmailgun.message;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sending through Mailgun: messages Mailgun builds, MIME built by the caller, batches with
 * per-recipient variables, and stored messages. Every method checks its input before any network
 * call; nothing happens until the result is subscribed. Reached with
 * {@code MailgunOperations.messages()}, bound to that client's sending domain.
 */
public interface MessageOperations {

	/**
	 * Sends a message ({@code POST /v3/{domain}/messages}).
	 * @param message the message
	 * @return Mailgun's answer: the message id
	 */
	Mono<SendResponse> send(MailgunMessage message);

	/**
	 * Sends a message built as MIME ({@code POST /v3/{domain}/messages.mime}).
	 * @param request the MIME and its envelope recipients
	 * @return Mailgun's answer: the message id
	 */
	Mono<SendResponse> sendMime(MimeMessageRequest request);

	/**
	 * Sends one message to many recipients, each receiving a personal copy. Requests of at most 1,000
	 * recipients run with bounded concurrency; each yields its own result, in order, and a failed one
	 * does not cancel the others.
	 * @param batch the message and its recipients
	 * @return one result per request
	 */
	Flux<BatchResult> sendBatch(BatchMessage batch);

	/**
	 * Retrieves a stored message ({@code GET /v3/domains/{domain}/messages/{key}}) by its storage key,
	 * or by the full URL from an event's {@code storage.url}. A URL is followed only when it is on the
	 * configured host or an https Mailgun host and has exactly that path, without a query; anything else
	 * (a forged webhook event may carry any URL) is refused without a request.
	 * @param storageKeyOrUrl the storage key or URL
	 * @return the stored message
	 */
	Mono<StoredMessage> storedMessage(String storageKeyOrUrl);

	/**
	 * Sends a stored message again, to the given recipients
	 * ({@code POST /v3/domains/{domain}/messages/{key}}), by storage key or URL under the rule of
	 * {@link #storedMessage(String)}. It is a send: never repeated once it may have reached Mailgun, and
	 * observed as {@code mailgun.send} with {@code mailgun.operation=resend}.
	 * @param storageKeyOrUrl the storage key or URL
	 * @param to the recipients, each entry one or more comma-separated addresses
	 * @return Mailgun's answer: the id of the new message
	 */
	Mono<SendResponse> resend(String storageKeyOrUrl, String... to);

}
