package io.github.springmailgun.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.springmailgun.message.FormField;

import org.springframework.http.MediaType;

/**
 * Builds {@code application/x-www-form-urlencoded} bodies, for the endpoints whose OpenAPI description
 * asks for that encoding instead of multipart.
 */
public final class UrlEncodedForm {

	private UrlEncodedForm() {
	}

	/**
	 * Encodes fields, in order, as UTF-8; a repeated name is written once per value.
	 * @param fields the fields
	 * @return the body
	 */
	public static BytesBody of(List<FormField> fields) {
		StringBuilder form = new StringBuilder(fields.size() * 32);
		for (FormField field : fields) {
			if (!form.isEmpty()) {
				form.append('&');
			}
			form.append(URLEncoder.encode(field.name(), StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(field.value(), StandardCharsets.UTF_8));
		}
		MediaType type = new MediaType(MediaType.APPLICATION_FORM_URLENCODED, StandardCharsets.UTF_8);
		return new BytesBody(type, form.toString().getBytes(StandardCharsets.US_ASCII));
	}

}
