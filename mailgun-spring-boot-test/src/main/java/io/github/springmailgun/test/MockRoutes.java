package io.github.springmailgun.test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The mock's endpoints: a method and a path pattern each, such as {@code GET /v3/{domain}/bounces/{address}},
 * where a {@code {name}} segment matches one non-empty segment (percent-decoded). A {@code {domain}}
 * segment names a domain the mock must know, checked before the handler runs. Each area of the mock
 * (messages, suppressions, templates, events, webhooks) adds its own endpoints.
 */
final class MockRoutes {

	private final List<Endpoint> endpoints = new ArrayList<>();

	/**
	 * Adds an endpoint of Mailgun's API: it needs the API key, and draws queued faults and delays.
	 * @param method the HTTP method
	 * @param pattern the path pattern
	 * @param handler answers the request
	 * @return these routes
	 */
	MockRoutes api(String method, String pattern, Handler handler) {
		this.endpoints.add(new Endpoint(method, pattern.substring(1).split("/"), handler, true));
		return this;
	}

	/**
	 * Adds an endpoint that controls the mock (under {@code /mock/}), for tests that reach the mock over
	 * HTTP (the container): no API key, no faults.
	 * @param method the HTTP method
	 * @param pattern the path pattern, starting with {@code /mock/}
	 * @param handler answers the request
	 * @return these routes
	 */
	MockRoutes control(String method, String pattern, Handler handler) {
		if (!pattern.startsWith("/mock/")) {
			throw new IllegalArgumentException("control endpoints live under /mock/: " + pattern);
		}
		this.endpoints.add(new Endpoint(method, pattern.substring(1).split("/"), handler, false));
		return this;
	}

	/**
	 * Finds the endpoint for a request.
	 * @param method the HTTP method
	 * @param rawPath the path, still percent-encoded, without the query
	 * @return the match; {@link Match#endpoint()} is {@code null} for an unknown path or a known path
	 * with another method ({@link Match#wrongMethod()})
	 */
	Match match(String method, String rawPath) {
		if (!rawPath.startsWith("/")) {
			return Match.UNKNOWN;
		}
		String[] raw = rawPath.substring(1).split("/", -1);
		String[] segments = new String[raw.length];
		for (int i = 0; i < raw.length; i++) {
			byte[] decoded = HeaderValue.PercentDecoding.decode(raw[i], false);
			if (decoded == null) {
				return Match.UNKNOWN;
			}
			segments[i] = new String(decoded, StandardCharsets.UTF_8);
		}
		boolean pathKnown = false;
		for (Endpoint endpoint : this.endpoints) {
			Map<String, String> variables = endpoint.variables(segments);
			if (variables != null) {
				if (endpoint.method().equals(method)) {
					return new Match(endpoint, variables, false);
				}
				pathKnown = true;
			}
		}
		return pathKnown ? Match.WRONG_METHOD : Match.UNKNOWN;
	}

	/**
	 * Answers one request to an endpoint.
	 */
	@FunctionalInterface
	interface Handler {

		/**
		 * Answers the request.
		 * @param call the request
		 * @return the answer
		 * @throws BadRequestException for a request Mailgun answers with 400
		 */
		MockAnswer handle(MockCall call);

	}

	/**
	 * One endpoint.
	 *
	 * @param method the HTTP method
	 * @param pattern the path segments, {@code {name}} for a variable
	 * @param handler answers the request
	 * @param api whether this is Mailgun's API (key, faults) rather than the mock's control
	 */
	record Endpoint(String method, String[] pattern, Handler handler, boolean api) {

		/**
		 * Mailgun's message endpoints (sending and stored messages) answer a wrong key with a plain
		 * {@code Forbidden}; the others with JSON {@code Invalid private key}.
		 */
		boolean plainErrors() {
			for (String segment : this.pattern) {
				if (segment.equals("messages") || segment.equals("messages.mime")) {
					return true;
				}
			}
			return false;
		}

		/**
		 * Endpoints with the domain right after the version ({@code /v3/{domain}/...}) and the message
		 * endpoints answer an unknown domain with {@code Domain not found: <name>}; those under
		 * {@code /v3/domains/} and {@code /v4/domains/} with {@code Domain not found}, as Mailgun's
		 * OpenAPI document gives it.
		 */
		boolean namesUnknownDomain() {
			return plainErrors() || (this.pattern.length > 1 && this.pattern[1].equals("{domain}"));
		}

		boolean hasDomain() {
			for (String segment : this.pattern) {
				if (segment.equals("{domain}")) {
					return true;
				}
			}
			return false;
		}

		@Nullable Map<String, String> variables(String[] segments) {
			if (segments.length != this.pattern.length) {
				return null;
			}
			Map<String, String> variables = new LinkedHashMap<>();
			for (int i = 0; i < segments.length; i++) {
				String expected = this.pattern[i];
				if (expected.startsWith("{") && expected.endsWith("}")) {
					if (segments[i].isEmpty()) {
						return null;
					}
					variables.put(expected.substring(1, expected.length() - 1), segments[i]);
				}
				else if (!expected.equals(segments[i])) {
					return null;
				}
			}
			return variables;
		}

		@Override
		public String toString() {
			return this.method + " /" + String.join("/", this.pattern);
		}

	}

	/**
	 * The endpoint a request matched.
	 *
	 * @param endpoint the endpoint, {@code null} when none matched
	 * @param variables the path variables, decoded
	 * @param wrongMethod whether the path is known with another method
	 */
	record Match(@Nullable Endpoint endpoint, Map<String, String> variables, boolean wrongMethod) {

		static final Match UNKNOWN = new Match(null, Map.of(), false);

		static final Match WRONG_METHOD = new Match(null, Map.of(), true);

	}

}
