package io.github.springmailgun.test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The parameters of a send request as Mailgun reads them: text fields in order (a name may repeat) and
 * file parts. Both encodings Mailgun accepts are read: {@code multipart/form-data} and
 * {@code application/x-www-form-urlencoded}; any other body carries no parameters, so the request then
 * fails on its first missing parameter, as it would at Mailgun.
 *
 * @param fields the text fields, by name, values in order
 * @param files the file parts, in order
 */
record FormData(Map<String, List<String>> fields, List<MockAttachment> files) {

	FormData {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		fields.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		fields = Collections.unmodifiableMap(copy);
		files = List.copyOf(files);
	}

	static FormData parse(@Nullable String contentType, byte[] body) {
		if (contentType == null) {
			return new FormData(Map.of(), List.of());
		}
		HeaderValue type = HeaderValue.parse(contentType);
		if (type.isType("application/x-www-form-urlencoded")) {
			return urlEncoded(body, type.charset(StandardCharsets.UTF_8));
		}
		if (type.isType("multipart/form-data")) {
			String boundary = type.parameter("boundary");
			if (boundary == null) {
				throw new BadRequestException("malformed multipart/form-data body: no boundary in Content-Type");
			}
			return multipart(MultipartParser.parse(body, boundary));
		}
		return new FormData(Map.of(), List.of());
	}

	private static FormData urlEncoded(byte[] body, Charset charset) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		// The body is ASCII once percent-encoded; decoding the escapes yields bytes in the charset.
		String text = new String(body, StandardCharsets.ISO_8859_1);
		for (String pair : text.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals), charset);
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1), charset);
			fields.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
		}
		return new FormData(fields, List.of());
	}

	private static String decode(String text, Charset charset) {
		byte[] bytes = HeaderValue.PercentDecoding.decode(text, true);
		if (bytes == null) {
			throw new BadRequestException("malformed application/x-www-form-urlencoded body: invalid escape in '"
					+ Texts.abbreviate(text) + "'");
		}
		return new String(bytes, charset);
	}

	private static FormData multipart(List<MultipartParser.Part> parts) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		List<MockAttachment> files = new ArrayList<>();
		for (MultipartParser.Part part : parts) {
			String name = part.name();
			if (name == null) {
				// Like Go's form reader (Mailgun's API is written in Go): a part without a name is ignored.
				continue;
			}
			if (part.filename() != null) {
				String contentType = (part.contentType() != null) ? part.contentType() : "application/octet-stream";
				files.add(new MockAttachment(name, part.filename(), contentType, part.content()));
			}
			else {
				Charset charset = (part.contentType() != null)
						? HeaderValue.parse(part.contentType()).charset(StandardCharsets.UTF_8) : StandardCharsets.UTF_8;
				fields.computeIfAbsent(name, key -> new ArrayList<>()).add(new String(part.content(), charset));
			}
		}
		return new FormData(fields, files);
	}

	/** Returns the first value of a field, or {@code null}. */
	@Nullable String first(String name) {
		List<String> values = this.fields.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/** Returns the first value of a field when it is not empty, else {@code null} (Go's FormValue). */
	@Nullable String firstNonEmpty(String name) {
		String value = first(name);
		return (value == null || value.isEmpty()) ? null : value;
	}

	List<String> all(String name) {
		return this.fields.getOrDefault(name, List.of());
	}

	List<MockAttachment> files(String name) {
		List<MockAttachment> matching = new ArrayList<>();
		for (MockAttachment file : this.files) {
			if (file.name().equals(name)) {
				matching.add(file);
			}
		}
		return matching;
	}

}
