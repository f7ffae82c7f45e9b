package io.github.springmailgun;

import java.util.Map;

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
		String code = requireNonNull("bounce", bounce).code();
		return entryFields(bounce.address(), bounce.createdAt(), "code",
				(code != null) ? requireKey("code", code) : null, "error", bounce.error());
	}

}
