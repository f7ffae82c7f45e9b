package io.github.springmailgun;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.suppression.AllowlistEntry;
import io.github.springmailgun.suppression.AllowlistOperations;
import io.github.springmailgun.suppression.SuppressionResponse;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * {@link AllowlistOperations} over the client's HTTP plumbing, bound to one domain. Mailgun still names
 * the table {@code whitelists} in its paths, and has no JSON batches for it.
 */
final class DefaultAllowlistOperations extends AbstractSuppressionOperations<AllowlistEntry>
		implements AllowlistOperations {

	DefaultAllowlistOperations(MailgunHttp http, String domain) {
		super(http, domain, "whitelists", AllowlistEntry.class, "value", DefaultAllowlistOperations::fields);
	}

	private static Map<String, Object> fields(AllowlistEntry entry) {
		// The form names the value by its type: address=... or domain=...
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put(entry.type().value(), requireKey(entry.type().value(), entry.value()));
		if (entry.reason() != null) {
			fields.put("reason", entry.reason());
		}
		return fields;
	}

	@Override
	public Mono<SuppressionResponse> addAddress(String address, @Nullable String reason) {
		return add(new AllowlistEntry(AllowlistEntry.Type.ADDRESS, address, reason, null));
	}

	@Override
	public Mono<SuppressionResponse> addDomain(String domain, @Nullable String reason) {
		return add(new AllowlistEntry(AllowlistEntry.Type.DOMAIN, domain, reason, null));
	}

}
