package io.github.springmailgun;

import java.util.Map;

import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.suppression.AllowlistEntry;
import io.github.springmailgun.suppression.AllowlistOperations;
import io.github.springmailgun.suppression.SuppressionResponse;
import reactor.core.publisher.Mono;

/**
 * {@link AllowlistOperations} over the client's HTTP plumbing, bound to one domain. Mailgun still names
 * the table {@code whitelists} in its paths, and has no JSON batches for it.
 */
final class DefaultAllowlistOperations extends AbstractSuppressionOperations<AllowlistEntry>
		implements AllowlistOperations {

	DefaultAllowlistOperations(MailgunHttp http, String domain) {
		// The form names the value by its type: address=... or domain=...
		super(http, domain, "whitelists", AllowlistEntry.class, "value", (entry) -> Map.of(entry.type().value(),
				requireKey(entry.type().value(), entry.value())));
	}

	@Override
	public Mono<SuppressionResponse> addAddress(String address) {
		return add(new AllowlistEntry(AllowlistEntry.Type.ADDRESS, address, null, null));
	}

	@Override
	public Mono<SuppressionResponse> addDomain(String domain) {
		return add(new AllowlistEntry(AllowlistEntry.Type.DOMAIN, domain, null, null));
	}

}
