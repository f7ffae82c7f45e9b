package io.github.springmailgun.suppression;

import reactor.core.publisher.Mono;

/**
 * The allowlist of a domain ({@code /v3/{domain}/whitelists}): addresses and domains that are never
 * suppressed for bounces. Mailgun has no batch add for it; use {@link #importCsv} for many entries.
 */
public interface AllowlistOperations extends SuppressionOperations<AllowlistEntry> {

	/**
	 * Allowlists one address.
	 * @param address the address
	 * @return Mailgun's answer, with the entry's type and value
	 */
	Mono<SuppressionResponse> addAddress(String address);

	/**
	 * Allowlists every address of a domain.
	 * @param domain the domain, such as {@code example.com}
	 * @return Mailgun's answer, with the entry's type and value
	 */
	Mono<SuppressionResponse> addDomain(String domain);

}
