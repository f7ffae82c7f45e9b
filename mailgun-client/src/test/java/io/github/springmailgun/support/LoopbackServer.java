package io.github.springmailgun.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.MailgunRetryPolicy;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback HTTP server standing in for Mailgun, with readers for what the client wrote: URL-encoded
 * forms, JSON and multipart (OkHttp's parser, independent of the client's writer).
 */
public final class LoopbackServer implements AutoCloseable {

	/** The API key every test client uses. */
	public static final String API_KEY = "key-test";

	/** The domain every test client is bound to. */
	public static final String DOMAIN = "mg.example.com";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final MockWebServer server = new MockWebServer();

	/**
	 * Starts a server on a free loopback port.
	 */
	public LoopbackServer() {
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the base URL the client is configured with.
	 * @return the URL, without a trailing slash
	 */
	public String baseUrl() {
		String url = this.server.url("/").toString();
		return url.substring(0, url.length() - 1);
	}

	/**
	 * Creates a client for this server, without retries.
	 * @return the client
	 */
	public MailgunTemplate client() {
		return new MailgunTemplate(MailgunClientSettings.builder(API_KEY, DOMAIN)
			.baseUrl(this.server.url("/").toString())
			.retry(MailgunRetryPolicy.DISABLED)
			.build());
	}

	/**
	 * Returns the {@code Authorization} header every request must carry.
	 * @return the Basic credentials of user {@code api} and the test key
	 */
	public static String expectedAuthorization() {
		return "Basic " + Base64.getEncoder().encodeToString(("api:" + API_KEY).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads a test resource as text.
	 * @param owner the class whose package holds the resource
	 * @param name the resource name
	 * @return the text
	 */
	public static String fixture(Class<?> owner, String name) {
		try (InputStream in = owner.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("no fixture " + name + " next to " + owner.getName());
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Queues a JSON response.
	 * @param status the status code
	 * @param json the body
	 * @return this server
	 */
	public LoopbackServer respond(int status, String json) {
		this.server.enqueue(new MockResponse.Builder().code(status)
			.addHeader("Content-Type", "application/json")
			.body(json)
			.build());
		return this;
	}

	/**
	 * Returns how many requests arrived so far.
	 * @return the count
	 */
	public int requestCount() {
		return this.server.getRequestCount();
	}

	/**
	 * Takes the next request, waiting up to 5 seconds.
	 * @return the request
	 */
	public RecordedRequest take() {
		try {
			RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
			if (request == null) {
				throw new AssertionError("no request arrived within 5 s");
			}
			return request;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Returns the request's body as text.
	 * @param request the request
	 * @return the body, empty when there was none
	 */
	public static String body(RecordedRequest request) {
		return (request.getBody() != null) ? request.getBody().utf8() : "";
	}

	/**
	 * Parses a JSON request body.
	 * @param request the request
	 * @return the JSON tree
	 */
	public static JsonNode json(RecordedRequest request) {
		return MAPPER.readTree(body(request));
	}

	/**
	 * Parses JSON text.
	 * @param json the text
	 * @return the JSON tree
	 */
	public static JsonNode json(String json) {
		return MAPPER.readTree(json);
	}

	/**
	 * Parses a URL-encoded form body.
	 * @param request the request
	 * @return the fields in order; a repeated name has several values
	 */
	public static Map<String, List<String>> form(RecordedRequest request) {
		Map<String, List<String>> form = new LinkedHashMap<>();
		String body = body(request);
		if (body.isEmpty()) {
			return form;
		}
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			form.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
		}
		return form;
	}

	/**
	 * Parses a multipart body.
	 * @param request the request
	 * @return the parts in order
	 */
	public static List<Part> parts(RecordedRequest request) {
		String contentType = request.getHeaders().get("Content-Type");
		if (contentType == null || !contentType.startsWith("multipart/form-data") || request.getBody() == null) {
			throw new AssertionError("not a multipart request: " + contentType);
		}
		String boundary = MediaType.get(contentType).parameter("boundary");
		List<Part> parts = new ArrayList<>();
		try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), boundary)) {
			MultipartReader.Part part;
			while ((part = reader.nextPart()) != null) {
				String disposition = part.headers().get("Content-Disposition");
				parts.add(new Part(parameter(disposition, "name"), parameter(disposition, "filename"),
						part.headers().get("Content-Type"), part.body().readUtf8()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return parts;
	}

	private static String parameter(String disposition, String name) {
		String marker = "; " + name + "=\"";
		int start = disposition.indexOf(marker);
		if (start < 0) {
			return null;
		}
		start += marker.length();
		return disposition.substring(start, disposition.indexOf('"', start));
	}

	@Override
	public void close() {
		this.server.close();
	}

	/**
	 * One part of a multipart body.
	 *
	 * @param name the part name
	 * @param filename the file name, or {@code null} for a text field
	 * @param contentType the part's content type
	 * @param text the part's content
	 */
	public record Part(String name, String filename, String contentType, String text) {
	}

}
