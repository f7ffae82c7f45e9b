package io.github.springmailgun.suppression;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.ApiRequest;
import io.github.springmailgun.internal.MailgunDates;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.internal.QueryParams;
import io.github.springmailgun.message.FormField;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

/**
 * {@link UnsubscribeOperations} over Mailgun's HTTP API, bound to one domain.
 */
public final class UnsubscribeTemplate extends AbstractSuppressionTemplate<Unsubscribe>
		implements UnsubscribeOperations {

	/**
	 * Creates the operations for a domain.
	 * @param http the plumbing
	 * @param domain the sending domain
	 */
	public UnsubscribeTemplate(MailgunHttp http, String domain) {
		super(http, domain, "unsubscribes", Unsubscribe.class, "address");
	}

	@Override
	public Mono<SuppressionResponse> add(Unsubscribe unsubscribe) {
		return Mono.defer(() -> {
			Map<String, Object> json = toJson(unsubscribe);
			if (unsubscribe.tags().size() > 1) {
				// The form takes one "tag"; several tags need the JSON form, as a batch of one.
				return addJson(List.of(unsubscribe), UnsubscribeTemplate::toJson).next();
			}
			List<FormField> form = new ArrayList<>(3);
			form.add(new FormField("address", (String) json.get("address")));
			if (unsubscribe.tags().size() == 1) {
				form.add(new FormField("tag", unsubscribe.tags().get(0)));
			}
			if (json.get("created_at") instanceof String createdAt) {
				form.add(new FormField("created_at", createdAt));
			}
			return addForm(form);
		});
	}

	@Override
	public Flux<SuppressionResponse> addAll(Collection<Unsubscribe> unsubscribes) {
		return addJson(unsubscribes, UnsubscribeTemplate::toJson);
	}

	@Override
	public Mono<SuppressionResponse> delete(String address, String tag) {
		return Mono.defer(() -> {
			URI uri = new QueryParams().add("tag", requireText("tag", tag))
				.toUri(this.http, "/v3/{domain}/unsubscribes/{address}", this.domain, requireKey(address));
			return send(ApiRequest.of(HttpMethod.DELETE, uri));
		});
	}

	/** The JSON batch form: tags as an array, left out for Mailgun's default of all mail. */
	private static Map<String, Object> toJson(Unsubscribe unsubscribe) {
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
