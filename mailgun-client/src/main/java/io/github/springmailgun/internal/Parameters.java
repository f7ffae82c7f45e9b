package io.github.springmailgun.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.message.FormField;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Ordered request parameters where a name may repeat (Mailgun's {@code event=accepted&event=delivered}),
 * sent as a query string, encoded strictly (a {@code +} or {@code &} in a value stays part of the value),
 * or as form fields. Absent values are left out.
 */
public final class Parameters {

	private final List<FormField> fields = new ArrayList<>();

	/**
	 * Creates the parameters of a value that the client's mapper writes as a flat JSON object: each member
	 * is a parameter, and each element of an array member a repeated one.
	 * @param value the value, such as an annotated query
	 * @return the parameters
	 */
	public static Parameters of(Object value) {
		Parameters parameters = new Parameters();
		Map<?, ?> members = Json.mapper().convertValue(value, Map.class);
		members.forEach((name, member) -> parameters.addAll(name.toString(),
				(member instanceof Collection<?> repeated) ? repeated : Collections.singletonList(member)));
		return parameters;
	}

	/**
	 * Adds a parameter unless the value is {@code null}.
	 * @param name the parameter name
	 * @param value the value, written with {@code toString()}
	 * @return this
	 */
	public Parameters add(String name, @Nullable Object value) {
		if (value != null) {
			this.fields.add(new FormField(name, value.toString()));
		}
		return this;
	}

	/**
	 * Adds the parameter once per value.
	 * @param name the parameter name
	 * @param values the values
	 * @return this
	 */
	public Parameters addAll(String name, Collection<?> values) {
		for (Object value : values) {
			add(name, value);
		}
		return this;
	}

	/**
	 * Returns the parameters as form fields.
	 * @return the fields, in order
	 */
	public List<FormField> toForm() {
		return List.copyOf(this.fields);
	}

	/**
	 * Builds the absolute API URL with the parameters as its query.
	 * @param http the plumbing, for the base URL
	 * @param pathTemplate a path such as {@code /v3/{domain}/events}
	 * @param pathVariables the values of the path variables, in order
	 * @return the URL
	 * @throws io.github.springmailgun.error.MailgunValidationException when a variable is a dot segment,
	 * named as its template variable
	 */
	public URI toUri(MailgunHttp http, String pathTemplate, Object... pathVariables) {
		requireSegments(pathTemplate, pathVariables);
		UriComponentsBuilder builder = UriComponentsBuilder.fromUri(http.settings().baseUrl()).path(pathTemplate);
		List<Object> variables = new ArrayList<>(pathVariables.length + this.fields.size());
		variables.addAll(List.of(pathVariables));
		for (int i = 0; i < this.fields.size(); i++) {
			// Values travel as template variables so that they are encoded strictly, unlike literal query text.
			builder.queryParam(this.fields.get(i).name(), "{q" + i + "}");
			variables.add(this.fields.get(i).value());
		}
		return builder.encode().buildAndExpand(variables.toArray()).toUri();
	}

	/**
	 * Refuses dot segments once, here, for every path the client builds: a hop that normalises paths
	 * would turn {@code DELETE .../unsubscribes/.} into clearing the list.
	 */
	private static void requireSegments(String pathTemplate, Object[] pathVariables) {
		int from = 0;
		for (Object variable : pathVariables) {
			int open = pathTemplate.indexOf('{', from);
			int close = (open >= 0) ? pathTemplate.indexOf('}', open) : -1;
			ApiPaths.requireSegment((close > open) ? pathTemplate.substring(open + 1, close) : "path",
					String.valueOf(variable));
			from = close + 1;
		}
	}

}
