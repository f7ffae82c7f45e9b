package io.github.springmailgun.suppression;

import org.jspecify.annotations.Nullable;
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
	default Mono<SuppressionResponse> addAddress(String address) {
		return addAddress(address, null);
	}

	/**
	 * Allowlists one address, recording why.
	 * @param address the address
	 * @param reason why, stored by Mailgun and read back as {@link AllowlistEntry#reason()}; {@code null} for none
	 * @return Mailgun's answer, with the entry's type and value
	 */
	Mono<SuppressionResponse> addAddress(String address, @Nullable String reason);

	/**
	 * Allowlists every address of a domain.
	 * @param domain the domain, such as {@code example.com}
	 * @return Mailgun's answer, with the entry's type and value
	 */
	default Mono<SuppressionResponse> addDomain(String domain) {
		return addDomain(domain, null);
	}

	/**
	 * Allowlists every address of a domain, recording why.
	 * @param domain the domain, such as {@code example.com}
	 * @param reason why, stored by Mailgun and read back as {@link AllowlistEntry#reason()}; {@code null} for none
	 * @return Mailgun's answer, with the entry's type and value
	 */
	Mono<SuppressionResponse> addDomain(String domain, @Nullable String reason);

}
