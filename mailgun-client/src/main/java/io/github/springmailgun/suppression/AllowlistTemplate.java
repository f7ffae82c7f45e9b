package io.github.springmailgun.suppression;

import java.util.List;

import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.message.FormField;
import reactor.core.publisher.Mono;

/**
 * {@link AllowlistOperations} over Mailgun's HTTP API, bound to one domain. Mailgun still names the
 * table {@code whitelists} in its paths.
 */
public final class AllowlistTemplate extends AbstractSuppressionTemplate<AllowlistEntry>
		implements AllowlistOperations {

	/**
	 * Creates the operations for a domain.
	 * @param http the plumbing
	 * @param domain the sending domain
	 */
	public AllowlistTemplate(MailgunHttp http, String domain) {
		super(http, domain, "whitelists", AllowlistEntry.class, "value");
	}

	@Override
	public Mono<SuppressionResponse> addAddress(String address) {
		return Mono.defer(() -> addForm(List.of(new FormField("address", requireText("address", address)))));
	}

	@Override
	public Mono<SuppressionResponse> addDomain(String domain) {
		return Mono.defer(() -> addForm(List.of(new FormField("domain", requireText("domain", domain)))));
	}

}
