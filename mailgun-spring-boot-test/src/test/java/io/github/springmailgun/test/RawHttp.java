package io.github.springmailgun.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.StringJoiner;

/**
 * Talks to a {@link MailgunMockServer} over raw HTTP with the JDK client and hand-built bodies, so the
 * mock's own rules are tested without the Mailgun client's validation in front of them.
 */
final class RawHttp {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final MailgunMockServer mock;

	RawHttp(MailgunMockServer mock) {
		this.mock = mock;
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	String auth() {
		return basic("api", this.mock.apiKey());
	}

	HttpResponse<String> post(String path, String contentType, byte[] body) {
		return post(path, contentType, body, auth());
	}

	HttpResponse<String> post(String path, String contentType, byte[] body, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	HttpResponse<String> post(String path, Multipart body) {
		return post(path, body.contentType(), body.bytes());
	}

	HttpResponse<String> get(String path) {
		return get(path, auth());
	}

	HttpResponse<String> get(String path, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	HttpResponse<byte[]> getBytes(String path) {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", auth())
			.GET()
			.build();
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpClient client() {
		return this.client;
	}

	URI uri(String path) {
		return URI.create(this.mock.baseUrl() + path);
	}

	String messagesPath() {
		return "/v3/" + this.mock.domain() + "/messages";
	}

	static String urlEncoded(String... namesAndValues) {
		StringJoiner joiner = new StringJoiner("&");
		for (int i = 0; i < namesAndValues.length; i += 2) {
			joiner.add(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
		}
		return joiner.toString();
	}

	/** A hand-built multipart/form-data body, written byte by byte as a client would. */
	static final class Multipart {

		private final String boundary;

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		Multipart() {
			this("----mock-test-boundary-7d2a");
		}

		Multipart(String boundary) {
			this.boundary = boundary;
		}

		Multipart field(String name, String value) {
			return raw("--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n")
				.raw(value)
				.raw("\r\n");
		}

		Multipart file(String name, String filename, String contentType, byte[] content) {
			raw("--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
					+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
			this.out.writeBytes(content);
			return raw("\r\n");
		}

		Multipart raw(String text) {
			this.out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
			return this;
		}

		Multipart end() {
			return raw("--" + this.boundary + "--\r\n");
		}

		String contentType() {
			return "multipart/form-data; boundary=" + this.boundary;
		}

		byte[] bytes() {
			return this.out.toByteArray();
		}

	}

}
