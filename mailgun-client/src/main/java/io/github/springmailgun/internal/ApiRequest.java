package io.github.springmailgun.internal;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * One call to Mailgun, as the plumbing executes it.
 *
 * @param method the HTTP method
 * @param uri the absolute URL, already checked against {@link TrustedHosts}
 * @param body the body, or {@code null}
 * @param idempotent whether repeating the call cannot cause a second effect (no duplicate mail)
 */
public record ApiRequest(HttpMethod method, URI uri, @Nullable RequestBody body, boolean idempotent) {

	/**
	 * Creates a call without a body that is idempotent (GET, DELETE).
	 * @param method the method
	 * @param uri the URL
	 * @return the request
	 */
	public static ApiRequest of(HttpMethod method, URI uri) {
		return new ApiRequest(method, uri, null, true);
	}

	/**
	 * Returns whether the body, if any, can be written again.
	 * @return whether a retry is possible at all
	 */
	public boolean isRepeatable() {
		return this.body == null || this.body.isRepeatable();
	}

	/**
	 * Returns the path for messages and tags (never the query, which may carry addresses).
	 * @return the path
	 */
	public String path() {
		String path = this.uri.getRawPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

}
