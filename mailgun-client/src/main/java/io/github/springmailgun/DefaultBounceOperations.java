package io.github.springmailgun;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.MailgunDates;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.suppression.Bounce;
import io.github.springmailgun.suppression.BounceOperations;

/**
 * {@link BounceOperations} over the client's HTTP plumbing, bound to one domain.
 */
final class DefaultBounceOperations extends AbstractSuppressionOperations<Bounce> implements BounceOperations {

	DefaultBounceOperations(MailgunHttp http, String domain) {
		super(http, domain, "bounces", Bounce.class, "address", DefaultBounceOperations::fields);
	}

	/** The fields of a bounce as both the form and the JSON batch name them. */
	private static Map<String, Object> fields(Bounce bounce) {
		if (bounce == null) {
			throw new MailgunValidationException("bounce", "must not be null");
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("address", requireText("address", bounce.address()));
		if (bounce.code() != null) {
			fields.put("code", requireText("code", bounce.code()));
		}
		if (bounce.error() != null) {
			fields.put("error", bounce.error());
		}
		if (bounce.createdAt() != null) {
			fields.put("created_at", MailgunDates.format(bounce.createdAt()));
		}
		return fields;
	}

}
