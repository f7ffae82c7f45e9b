package io.github.springmailgun;

import java.util.List;
import java.util.Map;

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
			List<String> tags = tags(unsubscribe);
			// The form takes one "tag"; several tags need the JSON form, as a batch of one.
			return (tags.size() > 1) ? addAll(List.of(unsubscribe)).next() : addForm(entryFields(
					unsubscribe.address(), unsubscribe.createdAt(), "tag", tags.isEmpty() ? null : tags.get(0)));
		});
	}

	@Override
	public Mono<SuppressionResponse> delete(String address, String tag) {
		return Mono.defer(() -> send(HttpMethod.DELETE, new Parameters().add("tag", requireKey("tag", tag))
			.toUri(this.http, "/v3/{domain}/unsubscribes/{address}", this.domain, requireKey("address", address)),
				null));
	}

	/** The JSON batch form: tags as an array, left out for Mailgun's default of all mail. */
	private static Map<String, Object> fields(Unsubscribe unsubscribe) {
		List<String> tags = tags(unsubscribe);
		return entryFields(unsubscribe.address(), unsubscribe.createdAt(), "tags", tags.isEmpty() ? null : tags);
	}

	private static List<String> tags(Unsubscribe unsubscribe) {
		return requireNonNull("unsubscribe", unsubscribe).tags()
			.stream()
			.map((tag) -> requireKey("tags", tag))
			.toList();
	}

}
