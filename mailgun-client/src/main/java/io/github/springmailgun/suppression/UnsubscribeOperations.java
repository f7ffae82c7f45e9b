package io.github.springmailgun.suppression;

import java.util.Collection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The unsubscribe table of a domain ({@code /v3/{domain}/unsubscribes}).
 */
public interface UnsubscribeOperations extends SuppressionOperations<Unsubscribe> {

	/**
	 * Adds one unsubscribe.
	 * @param unsubscribe the unsubscribe
	 * @return Mailgun's answer
	 */
	Mono<SuppressionResponse> add(Unsubscribe unsubscribe);

	/**
	 * Adds many unsubscribes as JSON, in requests of at most 999 made one after another: Mailgun's answer to
	 * a batch of 1,000 is "Batch size should be less than 1000". Every entry is checked before the first
	 * request; a failed request ends the sequence, and the requests before it stay applied.
	 * @param unsubscribes the unsubscribes
	 * @return Mailgun's answer to each request, in order
	 */
	Flux<SuppressionResponse> addAll(Collection<Unsubscribe> unsubscribes);

	/**
	 * Deletes the unsubscribe of an address from one tag only.
	 * @param address the address
	 * @param tag the tag
	 * @return Mailgun's answer
	 */
	Mono<SuppressionResponse> delete(String address, String tag);

}
