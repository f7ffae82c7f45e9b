package io.github.springmailgun;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.MailgunDates;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.internal.Parameters;
import io.github.springmailgun.suppression.SuppressionResponse;
import io.github.springmailgun.suppression.Unsubscribe;
import io.github.springmailgun.suppression.UnsubscribeOperations;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

/**
 * {@link UnsubscribeOperations} over the client's HTTP plumbing, bound to one domain.
 */
final class DefaultUnsubscribeOperations extends AbstractSuppressionOperations<Unsubscribe>
		implements UnsubscribeOperations {

	DefaultUnsubscribeOperations(MailgunHttp http, String domain) {
		super(http, domain, "unsubscribes", Unsubscribe.class, "address", DefaultUnsubscribeOperations::fields);
	}

	@Override
	public Mono<SuppressionResponse> add(Unsubscribe unsubscribe) {
		return Mono.defer(() -> {
			Map<String, Object> fields = fields(unsubscribe);
			if (unsubscribe.tags().size() > 1) {
				// The form takes one "tag"; several tags need the JSON form, as a batch of one.
				return addAll(List.of(unsubscribe)).next();
			}
			Map<String, Object> form = new LinkedHashMap<>();
			form.put("address", fields.get("address"));
			if (unsubscribe.tags().size() == 1) {
				form.put("tag", unsubscribe.tags().get(0));
			}
			if (fields.get("created_at") instanceof String createdAt) {
				form.put("created_at", createdAt);
			}
			return addForm(form);
		});
	}

	@Override
	public Mono<SuppressionResponse> delete(String address, String tag) {
		return Mono.defer(() -> send(HttpMethod.DELETE, new Parameters().add("tag", requireText("tag", tag))
			.toUri(this.http, "/v3/{domain}/unsubscribes/{address}", this.domain, requireText("address", address)),
				null));
	}

	/** The JSON batch form: tags as an array, left out for Mailgun's default of all mail. */
	private static Map<String, Object> fields(Unsubscribe unsubscribe) {
		if (unsubscribe == null) {
			throw new MailgunValidationException("unsubscribe", "must not be null");
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("address", requireText("address", unsubscribe.address()));
		if (!unsubscribe.tags().isEmpty()) {
			List<String> tags = new ArrayList<>(unsubscribe.tags().size());
			for (String tag : unsubscribe.tags()) {
				tags.add(requireText("tags", tag));
			}
			fields.put("tags", tags);
		}
		if (unsubscribe.createdAt() != null) {
			fields.put("created_at", MailgunDates.format(unsubscribe.createdAt()));
		}
		return fields;
	}

}
