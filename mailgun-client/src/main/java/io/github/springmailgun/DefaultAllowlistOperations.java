package io.github.springmailgun;

import java.util.Map;

import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.suppression.AllowlistEntry;
import io.github.springmailgun.suppression.AllowlistOperations;
import io.github.springmailgun.suppression.SuppressionResponse;
import reactor.core.publisher.Mono;

/**
 * {@link AllowlistOperations} over the client's HTTP plumbing, bound to one domain. Mailgun still names
 * the table {@code whitelists} in its paths.
 */
final class DefaultAllowlistOperations extends AbstractSuppressionOperations<AllowlistEntry>
		implements AllowlistOperations {

	DefaultAllowlistOperations(MailgunHttp http, String domain) {
		super(http, domain, "whitelists", AllowlistEntry.class, "value");
	}

	@Override
	public Mono<SuppressionResponse> addAddress(String address) {
		return Mono.defer(() -> addForm(Map.of("address", requireText("address", address))));
	}

	@Override
	public Mono<SuppressionResponse> addDomain(String domain) {
		return Mono.defer(() -> addForm(Map.of("domain", requireText("domain", domain))));
	}

}
