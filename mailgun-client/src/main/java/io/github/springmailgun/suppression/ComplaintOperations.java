package io.github.springmailgun.suppression;

import java.util.Collection;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The complaint table of a domain ({@code /v3/{domain}/complaints}).
 */
public interface ComplaintOperations extends SuppressionOperations<Complaint> {

	/**
	 * Adds one complaint.
	 * @param complaint the complaint
	 * @return Mailgun's answer
	 */
	Mono<SuppressionResponse> add(Complaint complaint);

	/**
	 * Adds many complaints as JSON, in requests of at most 999 made one after another: Mailgun's answer to
	 * a batch of 1,000 is "Batch size should be less than 1000". Every entry is checked before the first
	 * request; a failed request ends the sequence, and the requests before it stay applied.
	 * @param complaints the complaints
	 * @return Mailgun's answer to each request, in order
	 */
	Flux<SuppressionResponse> addAll(Collection<Complaint> complaints);

}
