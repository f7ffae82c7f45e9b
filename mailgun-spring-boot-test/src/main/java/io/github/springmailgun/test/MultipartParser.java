package io.github.springmailgun.test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) held in memory. Strict about the framing a real
 * server needs (delimiters, the closing delimiter, header blocks), lenient where clients differ: bare
 * LF line ends, folded header lines, UTF-8 in header parameters, RFC 5987 {@code filename*}.
 */
final class MultipartParser {

	private MultipartParser() {
	}

	/**
	 * Splits the body into its parts.
	 * @param body the whole body
	 * @param boundary the boundary from the {@code Content-Type} header
	 * @return the parts in order
	 * @throws BadRequestException when the framing is broken
	 */
	static List<Part> parse(byte[] body, String boundary) {
		if (boundary.isEmpty() || boundary.length() > 200) {
			throw new BadRequestException("malformed multipart/form-data body: invalid boundary");
		}
		byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		int position = indexOf(body, delimiter, 0);
		// The first delimiter starts the body or a line: anything before it is preamble.
		while (position > 0 && body[position - 1] != '\n') {
			position = indexOf(body, delimiter, position + 1);
		}
		if (position < 0) {
			throw new BadRequestException("malformed multipart/form-data body: boundary not found");
		}
		List<Part> parts = new ArrayList<>();
		while (true) {
			int after = position + delimiter.length;
			if (startsWith(body, after, "--")) {
				return parts;
			}
			int lineEnd = endOfLine(body, after);
			if (lineEnd < 0) {
				throw new BadRequestException("malformed multipart/form-data body: missing closing boundary");
			}
			for (int i = after; i < lineEnd; i++) {
				if (body[i] != ' ' && body[i] != '\t' && body[i] != '\r') {
					throw new BadRequestException("malformed multipart/form-data body: garbage after boundary");
				}
			}
			int cursor = lineEnd + 1;
			List<String> headerLines = new ArrayList<>();
			while (true) {
				int end = endOfLine(body, cursor);
				if (end < 0) {
					throw new BadRequestException("malformed multipart/form-data body: unterminated part headers");
				}
				int contentEnd = (end > cursor && body[end - 1] == '\r') ? end - 1 : end;
				String line = new String(body, cursor, contentEnd - cursor, StandardCharsets.UTF_8);
				cursor = end + 1;
				if (line.isEmpty()) {
					break;
				}
				if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headerLines.isEmpty()) {
					int last = headerLines.size() - 1;
					headerLines.set(last, headerLines.get(last) + " " + line.trim());
				}
				else {
					headerLines.add(line);
				}
			}
			int next = nextDelimiter(body, delimiter, cursor);
			if (next < 0) {
				throw new BadRequestException("malformed multipart/form-data body: missing closing boundary");
			}
			// The line break before the delimiter belongs to the delimiter, not to the content.
			int contentEnd = next - 1;
			if (contentEnd > cursor && body[contentEnd - 1] == '\r') {
				contentEnd--;
			}
			contentEnd = Math.max(contentEnd, cursor);
			parts.add(Part.of(headerLines, Arrays.copyOfRange(body, cursor, contentEnd)));
			position = next;
		}
	}

	/** Finds the next delimiter that starts a line at or after {@code from}, returning its index. */
	private static int nextDelimiter(byte[] body, byte[] delimiter, int from) {
		int index = indexOf(body, delimiter, from);
		while (index >= 0 && (index == 0 || body[index - 1] != '\n')) {
			index = indexOf(body, delimiter, index + 1);
		}
		return index;
	}

	private static int endOfLine(byte[] body, int from) {
		for (int i = from; i < body.length; i++) {
			if (body[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

	private static boolean startsWith(byte[] body, int at, String text) {
		if (at + text.length() > body.length) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (body[at + i] != text.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	static int indexOf(byte[] body, byte[] pattern, int from) {
		byte first = pattern[0];
		int last = body.length - pattern.length;
		outer: for (int i = Math.max(from, 0); i <= last; i++) {
			if (body[i] != first) {
				continue;
			}
			for (int j = 1; j < pattern.length; j++) {
				if (body[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/**
	 * One part of the body.
	 *
	 * @param headers the part's headers, by lower-case name
	 * @param name the form field name, or {@code null} when the part has none
	 * @param filename the file name when the part is a file, else {@code null}
	 * @param contentType the part's content type header, or {@code null}
	 * @param content the raw bytes
	 */
	record Part(Map<String, String> headers, @Nullable String name, @Nullable String filename,
			@Nullable String contentType, byte[] content) {

		static Part of(List<String> headerLines, byte[] content) {
			Map<String, String> headers = new LinkedHashMap<>();
			for (String line : headerLines) {
				int colon = line.indexOf(':');
				if (colon <= 0) {
					throw new BadRequestException("malformed multipart/form-data body: invalid part header '"
							+ Texts.abbreviate(line) + "'");
				}
				headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
						line.substring(colon + 1).trim());
			}
			String disposition = headers.get("content-disposition");
			String name = null;
			String filename = null;
			if (disposition != null) {
				HeaderValue value = HeaderValue.parse(disposition);
				name = value.parameter("name");
				filename = value.parameter("filename");
			}
			return new Part(headers, name, filename, headers.get("content-type"), content);
		}

	}

}
