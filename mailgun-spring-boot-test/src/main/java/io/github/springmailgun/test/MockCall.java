package io.github.springmailgun.test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One request as an endpoint of the mock sees it: path variables, query, headers and body, and the
 * domain of the path when the endpoint has one.
 */
final class MockCall {

	private final String method;

	private final String rawPath;

	private final Map<String, String> variables;

	private final Map<String, List<String>> query;

	private final Function<String, @Nullable String> headers;

	private final byte[] body;

	private final @Nullable MockDomain domain;

	private final URI baseUrl;

	private @Nullable FormData form;

	MockCall(String method, String rawPath, @Nullable String rawQuery, Map<String, String> variables,
			Function<String, @Nullable String> headers, byte[] body, @Nullable MockDomain domain, URI baseUrl) {
		this.method = method;
		this.rawPath = rawPath;
		this.variables = variables;
		this.query = parseQuery(rawQuery);
		this.headers = headers;
		this.body = body;
		this.domain = domain;
		this.baseUrl = baseUrl;
	}

	String method() {
		return this.method;
	}

	/** The path as requested, still percent-encoded, without the query: the base of paging links. */
	String rawPath() {
		return this.rawPath;
	}

	/** The URL of this request's path on the mock, without the query. */
	String url() {
		return this.baseUrl + this.rawPath;
	}

	URI baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Returns a path variable.
	 * @param name the name in the pattern, without braces
	 * @return the decoded value
	 */
	String variable(String name) {
		String value = this.variables.get(name);
		if (value == null) {
			throw new IllegalStateException("no path variable '" + name + "' in " + this.rawPath);
		}
		return value;
	}

	/** The domain of the path, checked to exist. */
	MockDomain domain() {
		if (this.domain == null) {
			throw new IllegalStateException("no domain in " + this.rawPath);
		}
		return this.domain;
	}

	/** The first value of a query parameter, or {@code null}. */
	@Nullable String query(String name) {
		List<String> values = this.query.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/** The names of the query parameters, in order. */
	java.util.Set<String> queryNames() {
		return java.util.Collections.unmodifiableSet(this.query.keySet());
	}

	/** Every value of a query parameter, in order. */
	List<String> queryAll(String name) {
		return this.query.getOrDefault(name, List.of());
	}

	/** A request header, ignoring the case of its name. */
	@Nullable String header(String name) {
		return this.headers.apply(name);
	}

	byte[] body() {
		return this.body;
	}

	/** The body as form parameters (multipart or URL-encoded), read once. */
	FormData form() {
		FormData parsed = this.form;
		if (parsed == null) {
			parsed = FormData.parse(header("Content-Type"), this.body);
			this.form = parsed;
		}
		return parsed;
	}

	/**
	 * The first value of a parameter, from the form body or else the query (Mailgun's API reads both).
	 * @param name the parameter
	 * @return the value, or {@code null}
	 */
	@Nullable String parameter(String name) {
		List<String> values = form().fields().get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : query(name);
	}

	/**
	 * The body as a JSON object.
	 * @return the object
	 * @throws BadRequestException when the body is not one
	 */
	Map<String, Object> json() {
		Map<String, Object> json = MockJson.readObject(new String(this.body, StandardCharsets.UTF_8));
		if (json == null) {
			throw new BadRequestException("request body is not a JSON object");
		}
		return json;
	}

	private static Map<String, List<String>> parseQuery(@Nullable String rawQuery) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return query;
		}
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
		}
		return query;
	}

	private static String decode(String text) {
		byte[] bytes = HeaderValue.PercentDecoding.decode(text, true);
		if (bytes == null) {
			throw new BadRequestException("malformed query: invalid escape in '" + Texts.abbreviate(text) + "'");
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
