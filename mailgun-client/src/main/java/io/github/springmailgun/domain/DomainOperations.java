package io.github.springmailgun.domain;

import reactor.core.publisher.Mono;

/**
 * Domains of the account ({@code /v4/domains}): state, DNS records and verification. Obtained from
 * {@code mailgun.domains()}; calls without a name use the domain the client is bound to.
 */
public interface DomainOperations {

	/**
	 * Fetches the bound domain with its DNS records ({@code GET /v4/domains/{name}}).
	 * @return the domain
	 */
	Mono<DomainDetails> get();

	/**
	 * Fetches a domain of the account with its DNS records ({@code GET /v4/domains/{name}}).
	 * @param name the domain name
	 * @return the domain
	 */
	Mono<DomainDetails> get(String name);

	/**
	 * Asks Mailgun to check the DNS records of the bound domain now ({@code PUT /v4/domains/{name}/verify}).
	 * @return the domain with the records as Mailgun found them
	 */
	Mono<DomainDetails> verify();

	/**
	 * Asks Mailgun to check the DNS records of a domain now ({@code PUT /v4/domains/{name}/verify}).
	 * @param name the domain name
	 * @return the domain with the records as Mailgun found them
	 */
	Mono<DomainDetails> verify(String name);

	/**
	 * Returns the domain used when no name is given.
	 * @return the bound domain
	 */
	String domain();

}
