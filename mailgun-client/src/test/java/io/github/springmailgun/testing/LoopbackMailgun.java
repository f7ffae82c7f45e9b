package io.github.springmailgun.testing;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.MailgunRetryPolicy;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link MockWebServer} on loopback and a {@link MailgunTemplate} pointed at it, with helpers to
 * read what the client sent. One per test.
 */
public final class LoopbackMailgun implements AutoCloseable {

	/** The API key the client is built with. */
	public static final String API_KEY = "key-test";

	/** The domain the client is bound to. */
	public static final String DOMAIN = "mg.example.com";

	private static final Pattern PART_NAME = Pattern.compile("name=\"([^\"]*)\"");

	private final MockWebServer server = new MockWebServer();

	private final MailgunTemplate mailgun;

	public LoopbackMailgun() {
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.mailgun = new MailgunTemplate(MailgunClientSettings.builder(API_KEY, DOMAIN)
			.baseUrl(this.server.url("/").toString())
			.retry(MailgunRetryPolicy.DISABLED)
			.build());
	}

	public MailgunTemplate mailgun() {
		return this.mailgun;
	}

	public MockWebServer server() {
		return this.server;
	}

	/** The server's base URL without a trailing slash, as paging links carry it. */
	public String baseUrl() {
		String url = this.server.url("/").toString();
		return url.substring(0, url.length() - 1);
	}

	public void enqueueJson(int status, String json) {
		this.server.enqueue(json(status, json));
	}

	public void enqueueFixture(String name) {
		enqueueJson(200, fixture(name));
	}

	public static MockResponse json(int status, String json) {
		return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(json).build();
	}

	/** Reads {@code src/test/resources/fixtures/<name>}: examples copied from Mailgun's OpenAPI document. */
	public static String fixture(String name) {
		try (InputStream in = LoopbackMailgun.class.getResourceAsStream("/fixtures/" + name)) {
			assertThat(in).as("fixture %s", name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Takes the next request, failing when none arrives within five seconds. */
	public RecordedRequest takeRequest() {
		try {
			RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
			assertThat(request).as("a request to the mock server").isNotNull();
			assertBasicAuth(request);
			return request;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Asserts that no further request arrives within a short wait. */
	public void assertNoMoreRequests() {
		try {
			assertThat(this.server.takeRequest(300, TimeUnit.MILLISECONDS)).as("an unexpected further request")
				.isNull();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static void assertBasicAuth(RecordedRequest request) {
		String expected = "Basic "
				+ Base64.getEncoder().encodeToString(("api:" + API_KEY).getBytes(StandardCharsets.UTF_8));
		assertThat(request.getHeaders().get("Authorization")).isEqualTo(expected);
	}

	public static String body(RecordedRequest request) {
		return (request.getBody() != null) ? request.getBody().utf8() : "";
	}

	/** Reads the text fields of a {@code multipart/form-data} body, asserting that it is one. */
	public static Map<String, List<String>> multipartFields(RecordedRequest request) {
		String contentType = request.getHeaders().get("Content-Type");
		assertThat(contentType).startsWith("multipart/form-data");
		String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length())
			.replace("\"", "");
		Map<String, List<String>> fields = new LinkedHashMap<>();
		String[] parts = body(request).split("--" + Pattern.quote(boundary));
		for (String part : parts) {
			int headerEnd = part.indexOf("\r\n\r\n");
			if (headerEnd < 0) {
				continue;
			}
			Matcher name = PART_NAME.matcher(part.substring(0, headerEnd));
			assertThat(name.find()).as("a part with a name").isTrue();
			String value = part.substring(headerEnd + 4);
			if (value.endsWith("\r\n")) {
				value = value.substring(0, value.length() - 2);
			}
			fields.computeIfAbsent(name.group(1), key -> new ArrayList<>()).add(value);
		}
		return fields;
	}

	/** Reads an {@code application/x-www-form-urlencoded} body, asserting that it is one. */
	public static Map<String, List<String>> urlEncodedFields(RecordedRequest request) {
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
		Map<String, List<String>> fields = new LinkedHashMap<>();
		for (String pair : body(request).split("&")) {
			int equals = pair.indexOf('=');
			fields.computeIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					key -> new ArrayList<>())
				.add(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return fields;
	}

	public static @Nullable String query(RecordedRequest request, String name) {
		return request.getUrl().queryParameter(name);
	}

	@Override
	public void close() {
		this.server.close();
	}

}
