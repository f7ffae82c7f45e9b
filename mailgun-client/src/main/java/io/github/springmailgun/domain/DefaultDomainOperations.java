package io.github.springmailgun.domain;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.ApiRequest;
import io.github.springmailgun.internal.Json;
import io.github.springmailgun.internal.MailgunHttp;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

/**
 * {@link DomainOperations} over the client's HTTP plumbing. Created by
 * {@link io.github.springmailgun.MailgunTemplate}; thread-safe.
 */
public final class DefaultDomainOperations implements DomainOperations {

	private final MailgunHttp http;

	private final String domain;

	/**
	 * Creates the operations for a bound domain.
	 * @param http the plumbing
	 * @param domain the domain used when no name is given
	 */
	public DefaultDomainOperations(MailgunHttp http, String domain) {
		this.http = http;
		this.domain = domain;
	}

	@Override
	public String domain() {
		return this.domain;
	}

	@Override
	public Mono<DomainDetails> get() {
		return get(this.domain);
	}

	@Override
	public Mono<DomainDetails> get(String name) {
		return Mono.defer(() -> this.http.exchange(
				ApiRequest.of(HttpMethod.GET, this.http.uri("/v4/domains/{name}", requireName(name))),
				DefaultDomainOperations::readDetails));
	}

	@Override
	public Mono<DomainDetails> verify() {
		return verify(this.domain);
	}

	@Override
	public Mono<DomainDetails> verify(String name) {
		// Repeating a verification has no further effect, so it may be retried like a GET.
		return Mono.defer(() -> this.http.exchange(
				new ApiRequest(HttpMethod.PUT, this.http.uri("/v4/domains/{name}/verify", requireName(name)), null,
						true),
				DefaultDomainOperations::readDetails));
	}

	static String requireName(String name) {
		if (name == null || name.isBlank()) {
			throw new MailgunValidationException("name", "must be a domain name such as mg.example.com");
		}
		return name.trim();
	}

	private static DomainDetails readDetails(byte[] body) {
		DomainDetails details = Json.mapper().readValue(body, DomainDetails.class);
		if (details == null || details.domain() == null) {
			throw new IllegalArgumentException("no 'domain' in the response");
		}
		return details;
	}

}
