package io.github.springmailgun.domain;

import reactor.core.publisher.Mono;

/**
 * The open, click and unsubscribe tracking settings of the bound domain
 * ({@code /v3/domains/{name}/tracking}). Obtained from {@code mailgun.tracking()}, or from
 * {@code mailgun.forDomain("other").tracking()} for another domain.
 */
public interface TrackingOperations {

	/**
	 * Fetches the tracking settings ({@code GET /v3/domains/{name}/tracking}).
	 * @return the settings
	 */
	Mono<TrackingSettings> get();

	/**
	 * Changes open tracking ({@code PUT /v3/domains/{name}/tracking/open}).
	 * @param update the values to change; at least one must be set
	 * @return the open tracking setting after the change
	 */
	Mono<OpenTracking> updateOpenTracking(OpenTrackingUpdate update);

	/**
	 * Changes click tracking ({@code PUT /v3/domains/{name}/tracking/click}).
	 * @param mode on, off, or HTML parts only
	 * @return the click tracking setting after the change
	 */
	Mono<ClickTracking> updateClickTracking(ClickTrackingMode mode);

	/**
	 * Changes unsubscribe tracking ({@code PUT /v3/domains/{name}/tracking/unsubscribe}).
	 * @param update the values to change; at least one must be set
	 * @return the unsubscribe tracking setting after the change
	 */
	Mono<UnsubscribeTracking> updateUnsubscribeTracking(UnsubscribeTrackingUpdate update);

	/**
	 * Switches the domain's open, click and unsubscribe links to HTTP or HTTPS ({@code web_scheme} on
	 * {@code PUT /v4/domains/{name}}). HTTPS needs a valid certificate for the tracking domain (see
	 * Mailgun's Domain Tracking documentation); without one, tracked links stop working.
	 * @param scheme the scheme of tracking links
	 * @return the domain after the change, as Mailgun answers it
	 */
	Mono<DomainDetails> updateWebScheme(WebScheme scheme);

	/**
	 * Returns the domain these settings belong to.
	 * @return the bound domain
	 */
	String domain();

}
