package io.github.springmailgun;

import java.net.URI;
import java.util.List;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.ApiRequest;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.internal.MailgunHttp.ResponseReader;
import io.github.springmailgun.internal.MultipartBody;
import io.github.springmailgun.internal.Parameters;
import io.github.springmailgun.internal.RequestBody;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

/**
 * What every API area shares: the plumbing, the domain it is bound to, the shapes of its requests and
 * the checks of its parameters. Areas are created by {@link MailgunTemplate} and are thread-safe.
 */
abstract class AbstractAreaOperations {

	final MailgunHttp http;

	final String domain;

	AbstractAreaOperations(MailgunHttp http, String domain) {
		this.http = http;
		this.domain = domain;
	}

	/**
	 * Returns the domain this area is bound to.
	 * @return the domain
	 */
	public String domain() {
		return this.domain;
	}

	/**
	 * Reads a resource; a read changes nothing, so it may be retried.
	 * @param <T> the result type
	 * @param uri the URL
	 * @param reader reads the body
	 * @return the result
	 */
	final <T> Mono<T> get(URI uri, ResponseReader<T> reader) {
		return this.http.exchange(ApiRequest.of(HttpMethod.GET, uri), reader);
	}

	/**
	 * Executes a call.
	 * @param <T> the result type
	 * @param method the method
	 * @param uri the URL
	 * @param body the body, or {@code null}
	 * @param idempotent whether repeating the call cannot have a second effect, so that it may be retried
	 * @param reader reads the body
	 * @return the result
	 */
	final <T> Mono<T> exchange(HttpMethod method, URI uri, @Nullable RequestBody body, boolean idempotent,
			ResponseReader<T> reader) {
		return this.http.exchange(new ApiRequest(method, uri, body, idempotent), reader);
	}

	/**
	 * Returns a form without files as {@code multipart/form-data}, the encoding Mailgun's OpenAPI document
	 * gives for most forms.
	 * @param form the fields
	 * @return the body
	 */
	static MultipartBody multipart(Parameters form) {
		return MultipartBody.of(form.toForm(), List.of());
	}

	/**
	 * Checks a parameter that users' code may pass as {@code null}.
	 * @param <T> the type
	 * @param parameter the parameter, for the error
	 * @param value the value
	 * @return the value
	 */
	static <T> T requireNonNull(String parameter, @Nullable T value) {
		if (value == null) {
			throw new MailgunValidationException(parameter, "must not be null");
		}
		return value;
	}

	/**
	 * Checks the page size of a list.
	 * @param limit the page size
	 * @param max the largest page Mailgun serves for the list
	 * @return the page size
	 */
	static int requireLimit(int limit, int max) {
		if (limit < 1 || limit > max) {
			throw new MailgunValidationException("limit", "must be between 1 and " + max + ", was " + limit);
		}
		return limit;
	}

	/**
	 * Checks a text parameter.
	 * @param parameter the parameter, for the error
	 * @param value the value
	 * @return the value as given
	 */
	static String requireText(String parameter, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new MailgunValidationException(parameter, "must not be blank");
		}
		return value;
	}

	/**
	 * Checks a value Mailgun keys entries by or that names recipients: text without control characters.
	 * @param parameter the parameter, for the error
	 * @param value the value
	 * @return the trimmed value
	 */
	static String requireKey(String parameter, @Nullable String value) {
		String trimmed = requireText(parameter, value).trim();
		if (trimmed.chars().anyMatch(Character::isISOControl)) {
			throw new MailgunValidationException(parameter, "must not contain control characters");
		}
		return trimmed;
	}

}
