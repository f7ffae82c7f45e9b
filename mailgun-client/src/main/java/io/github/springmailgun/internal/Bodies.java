package io.github.springmailgun.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import io.github.springmailgun.message.FormField;

import org.springframework.http.MediaType;

/**
 * Bodies held in memory: {@code application/x-www-form-urlencoded} forms without files, and JSON.
 */
public final class Bodies {

	private Bodies() {
	}

	/**
	 * Encodes fields in order, UTF-8, as browsers do.
	 * @param fields the fields; a name may repeat
	 * @return the body
	 */
	public static BytesBody form(List<FormField> fields) {
		String form = fields.stream()
			.map((field) -> URLEncoder.encode(field.name(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.value(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return new BytesBody(MediaType.APPLICATION_FORM_URLENCODED, form.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Creates a JSON body.
	 * @param value the value to write with the client's mapper
	 * @return the body
	 */
	public static BytesBody json(Object value) {
		return new BytesBody(MediaType.APPLICATION_JSON, Json.write(value));
	}

}
