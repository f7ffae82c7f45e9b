package io.github.springmailgun.suppression;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.MailgunDates;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.message.FormField;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link BounceOperations} over Mailgun's HTTP API, bound to one domain.
 */
public final class BounceTemplate extends AbstractSuppressionTemplate<Bounce> implements BounceOperations {

	/**
	 * Creates the operations for a domain.
	 * @param http the plumbing
	 * @param domain the sending domain
	 */
	public BounceTemplate(MailgunHttp http, String domain) {
		super(http, domain, "bounces", Bounce.class, "address");
	}

	@Override
	public Mono<SuppressionResponse> add(Bounce bounce) {
		return Mono.defer(() -> {
			Map<String, Object> fields = toJson(bounce);
			List<FormField> form = new ArrayList<>(fields.size());
			fields.forEach((name, value) -> form.add(new FormField(name, value.toString())));
			return addForm(form);
		});
	}

	@Override
	public Flux<SuppressionResponse> addAll(Collection<Bounce> bounces) {
		return addJson(bounces, BounceTemplate::toJson);
	}

	/** The fields of a bounce as both the form and the JSON batch name them. */
	private static Map<String, Object> toJson(Bounce bounce) {
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
