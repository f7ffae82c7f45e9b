package io.github.springmailgun.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Ordered query parameters where a name may repeat (Mailgun's {@code event=accepted&event=delivered}),
 * encoded strictly: a {@code +} or {@code &} in a value stays part of the value.
 */
public final class QueryParams {

	private final List<String> names = new ArrayList<>();

	private final List<String> values = new ArrayList<>();

	/**
	 * Adds a parameter unless the value is {@code null}.
	 * @param name the parameter name
	 * @param value the value, written with {@code toString()}
	 * @return this
	 */
	public QueryParams add(String name, @Nullable Object value) {
		if (value != null) {
			this.names.add(name);
			this.values.add(value.toString());
		}
		return this;
	}

	/**
	 * Adds the parameter once per value.
	 * @param name the parameter name
	 * @param values the values
	 * @return this
	 */
	public QueryParams addAll(String name, Collection<?> values) {
		for (Object value : values) {
			add(name, value);
		}
		return this;
	}

	/**
	 * Builds the absolute API URL.
	 * @param http the plumbing, for the base URL
	 * @param pathTemplate a path such as {@code /v3/{domain}/events}
	 * @param pathVariables the values of the path variables, in order
	 * @return the URL
	 */
	public URI toUri(MailgunHttp http, String pathTemplate, Object... pathVariables) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromUri(http.settings().baseUrl()).path(pathTemplate);
		List<Object> variables = new ArrayList<>(pathVariables.length + this.values.size());
		variables.addAll(List.of(pathVariables));
		for (int i = 0; i < this.names.size(); i++) {
			// Values travel as template variables so that they are encoded strictly, unlike literal query text.
			builder.queryParam(this.names.get(i), "{q" + i + "}");
			variables.add(this.values.get(i));
		}
		return builder.encode().buildAndExpand(variables.toArray()).toUri();
	}

}
