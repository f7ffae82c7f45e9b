package io.github.springmailgun;

import io.github.springmailgun.domain.DomainDetails;
import io.github.springmailgun.domain.DomainOperations;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.Json;
import io.github.springmailgun.internal.MailgunHttp;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

/**
 * {@link DomainOperations} over the client's HTTP plumbing. Created by {@link MailgunTemplate};
 * thread-safe.
 */
final class DefaultDomainOperations extends AbstractAreaOperations implements DomainOperations {

	DefaultDomainOperations(MailgunHttp http, String domain) {
		super(http, domain);
	}

	@Override
	public Mono<DomainDetails> get() {
		return get(this.domain);
	}

	@Override
	public Mono<DomainDetails> get(String name) {
		return Mono.defer(() -> exchange(HttpMethod.GET, "/v4/domains/{name}", name));
	}

	@Override
	public Mono<DomainDetails> verify() {
		return verify(this.domain);
	}

	@Override
	public Mono<DomainDetails> verify(String name) {
		return Mono.defer(() -> exchange(HttpMethod.PUT, "/v4/domains/{name}/verify", name));
	}

	private Mono<DomainDetails> exchange(HttpMethod method, String path, @Nullable String name) {
		if (name == null || name.isBlank()) {
			throw new MailgunValidationException("name", "must be a domain name such as mg.example.com");
		}
		// A verification has no further effect when repeated, so it may be retried like the GET.
		return exchange(method, this.http.uri(path, name.trim()), null, true, DefaultDomainOperations::readDetails);
	}

	/**
	 * Reads a domain with its DNS records, the answer of every {@code /v4/domains/{name}} call.
	 * @param body the response body
	 * @return the domain
	 */
	static DomainDetails readDetails(byte[] body) {
		DomainDetails details = Json.read(body, DomainDetails.class);
		if (details.domain() == null) {
			throw new IllegalArgumentException("no 'domain' in the response");
		}
		return details;
	}

}
