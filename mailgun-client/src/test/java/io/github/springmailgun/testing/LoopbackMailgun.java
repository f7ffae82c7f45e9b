package io.github.springmailgun.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.MailgunTemplate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one loopback Mailgun of the client's tests: an OkHttp {@link MockWebServer} that answers what a
 * test enqueues, a client pointed at it (no retries), and readers for what the client sent.
 */
public final class LoopbackMailgun implements AutoCloseable {

	/** The API key of {@link #client()}; distinctive, so that tests can look for it in logs and messages. */
	public static final String API_KEY = "key-0123456789abcdef-secret";

	/** The domain of {@link #client()}. */
	public static final String DOMAIN = "mg.example.com";

	/** Mailgun's answer to an accepted send. */
	public static final String ACCEPTED = "{\"id\":\"<20261128.1.ABC@mg.example.com>\",\"message\":\"Queued. Thank you.\"}";

	private static final String SENTINEL_PATH = "/loopback-sentinel";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final MockWebServer server = new MockWebServer();

	private final MailgunTemplate mailgun;

	private final QueueDispatcher queue = new QueueDispatcher();

	private int sentinels;

	private int taken;

	/** Starts a server on a free loopback port. */
	public LoopbackMailgun() {
		dispatch(this.queue);
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.mailgun = client();
	}

	/**
	 * Starts a server on a free loopback port.
	 * @return the started server
	 */
	public static LoopbackMailgun start() {
		return new LoopbackMailgun();
	}

	/**
	 * Answers requests with the given dispatcher instead of the queue of {@link #respond} (the sentinel of
	 * {@link #barrier()} is still answered here, leaving the dispatcher's state as it is).
	 * @param dispatcher the dispatcher
	 */
	public void dispatch(Dispatcher dispatcher) {
		this.server.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
				return SENTINEL_PATH.equals(request.getUrl().encodedPath()) ? new MockResponse.Builder().code(204).build()
						: dispatcher.dispatch(request);
			}

		});
	}

	/** @return the underlying server, for what this class does not cover */
	public MockWebServer server() {
		return this.server;
	}

	/** @return the base URL, without a trailing slash */
	public String baseUrl() {
		String url = this.server.url("/").toString();
		return url.substring(0, url.length() - 1);
	}

	/** @return settings for this server: {@link #API_KEY}, {@link #DOMAIN}, no retries */
	public MailgunClientSettings.Builder settings() {
		return MailgunClientSettings.builder(API_KEY, DOMAIN).baseUrl(baseUrl()).retry(MailgunRetryPolicy.DISABLED);
	}

	/** @return a new client on {@link #settings()} */
	public MailgunTemplate client() {
		return new MailgunTemplate(settings().build());
	}

	/** @return the client this server was created with */
	public MailgunTemplate mailgun() {
		return this.mailgun;
	}

	/** @return the {@code Authorization} header every request must carry */
	public static String expectedAuthorization() {
		return "Basic " + Base64.getEncoder().encodeToString(("api:" + API_KEY).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Asserts the request carried {@link #API_KEY} as basic authentication.
	 * @param request the request
	 */
	public static void assertBasicAuth(RecordedRequest request) {
		assertThat(request.getHeaders().get("Authorization")).isEqualTo(expectedAuthorization());
	}

	/** @return this, after enqueueing Mailgun's answer to an accepted send */
	public LoopbackMailgun accept() {
		return respond(200, ACCEPTED);
	}

	/**
	 * Enqueues a response; its {@code Content-Type} is JSON for a body starting with {@code {}, text
	 * otherwise, unless the headers name one.
	 * @param status the status
	 * @param body the body
	 * @param headers header names and values, alternating
	 * @return this
	 */
	public LoopbackMailgun respond(int status, String body, String... headers) {
		MockResponse.Builder response = new MockResponse.Builder().code(status).body(body);
		boolean typed = false;
		for (int i = 0; i < headers.length; i += 2) {
			response.addHeader(headers[i], headers[i + 1]);
			typed |= headers[i].equalsIgnoreCase("Content-Type");
		}
		if (!typed) {
			response.addHeader("Content-Type",
					(body.startsWith("{") || body.startsWith("[")) ? "application/json" : "text/plain");
		}
		this.queue.enqueue(response.build());
		return this;
	}

	/**
	 * Enqueues a response built by the test.
	 * @param response the response
	 */
	public void enqueue(MockResponse response) {
		this.queue.enqueue(response);
	}

	/**
	 * Enqueues a 200 answer with a fixture of {@code src/test/resources/fixtures/}.
	 * @param name the fixture's file name
	 */
	public void enqueueFixture(String name) {
		respond(200, fixture(name));
	}

	/**
	 * Builds a JSON response, for a dispatcher.
	 * @param status the status
	 * @param json the body
	 * @return the response
	 */
	public static MockResponse jsonResponse(int status, String json) {
		return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(json).build();
	}

	/**
	 * Reads {@code src/test/resources/fixtures/<name>}: examples copied from Mailgun's OpenAPI document.
	 * @param name the file name
	 * @return the text
	 */
	public static String fixture(String name) {
		return fixture(LoopbackMailgun.class, "/fixtures/" + name);
	}

	/**
	 * Reads a resource next to a class.
	 * @param owner the class
	 * @param name the resource name, relative to the class or absolute
	 * @return the text
	 */
	public static String fixture(Class<?> owner, String name) {
		try (InputStream in = owner.getResourceAsStream(name)) {
			assertThat(in).as("fixture %s next to %s", name, owner.getName()).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** @return how many requests the client made, not counting this class's own sentinels */
	public int requestCount() {
		return this.server.getRequestCount() - this.sentinels;
	}

	/** @return the next request, with its multipart parts parsed */
	public Recorded take() {
		RecordedRequest request = takeRequest();
		return new Recorded(request, isMultipart(request) ? parts(request) : List.of());
	}

	/** @return the next request, after checking its authentication */
	public RecordedRequest takeRequest() {
		RecordedRequest request = next();
		assertBasicAuth(request);
		return request;
	}

	/**
	 * Sends a request of this class's own to the server and waits for its answer, without waiting on the
	 * clock: afterwards {@link #requestCount()} includes every request the client wrote before, so a
	 * test can check that a call that completed made no further request.
	 */
	public void barrier() {
		try {
			HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(baseUrl() + SENTINEL_PATH)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding());
			this.sentinels++;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Asserts that the client made no request beyond those taken (see {@link #barrier()}). */
	public void assertNoMoreRequests() {
		barrier();
		assertThat(requestCount()).as("requests of the client, all of them taken").isEqualTo(this.taken);
	}

	private RecordedRequest next() {
		try {
			while (true) {
				RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
				if (request == null) {
					throw new AssertionError("no request arrived within 5 s");
				}
				if (!SENTINEL_PATH.equals(request.getUrl().encodedPath())) {
					this.taken++;
					return request;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Returns a request's body as text.
	 * @param request the request
	 * @return the body, empty when there was none
	 */
	public static String body(RecordedRequest request) {
		return (request.getBody() != null) ? request.getBody().utf8() : "";
	}

	/**
	 * Reads a request's body as JSON.
	 * @param request the request
	 * @return the JSON
	 */
	public static JsonNode json(RecordedRequest request) {
		return MAPPER.readTree(body(request));
	}

	/**
	 * Reads JSON text, to compare with {@link #json(RecordedRequest)}.
	 * @param json the text
	 * @return the JSON
	 */
	public static JsonNode json(String json) {
		return MAPPER.readTree(json);
	}

	/**
	 * Reads a query parameter.
	 * @param request the request
	 * @param name the parameter
	 * @return its first value, or {@code null}
	 */
	public static @Nullable String query(RecordedRequest request, String name) {
		return request.getUrl().queryParameter(name);
	}

	/**
	 * Reads an {@code application/x-www-form-urlencoded} body.
	 * @param request the request
	 * @return the values of each field, in order
	 */
	public static Map<String, List<String>> form(RecordedRequest request) {
		Map<String, List<String>> form = new LinkedHashMap<>();
		String body = body(request);
		if (body.isEmpty()) {
			return form;
		}
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			form.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
		}
		return form;
	}

	/**
	 * Reads a {@code multipart/form-data} body as text fields.
	 * @param request the request
	 * @return the values of each part name, in order
	 */
	public static Map<String, List<String>> multipartFields(RecordedRequest request) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		for (Part part : parts(request)) {
			fields.computeIfAbsent(part.name(), key -> new ArrayList<>()).add(part.text());
		}
		return fields;
	}

	/**
	 * Reads a {@code multipart/form-data} body.
	 * @param request the request
	 * @return its parts, in order
	 */
	public static List<Part> parts(RecordedRequest request) {
		assertThat(isMultipart(request)).as("a multipart request: %s", request.getHeaders().get("Content-Type"))
			.isTrue();
		String boundary = MediaType.get(request.getHeaders().get("Content-Type")).parameter("boundary");
		List<Part> parts = new ArrayList<>();
		try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), boundary)) {
			MultipartReader.Part part;
			while ((part = reader.nextPart()) != null) {
				String disposition = part.headers().get("Content-Disposition");
				parts.add(new Part(param(disposition, "name"), param(disposition, "filename"),
						part.headers().get("Content-Type"), part.body().readByteArray()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return parts;
	}

	private static boolean isMultipart(RecordedRequest request) {
		String contentType = request.getHeaders().get("Content-Type");
		return contentType != null && contentType.startsWith("multipart/form-data") && request.getBody() != null;
	}

	private static @Nullable String param(String disposition, String name) {
		String marker = "; " + name + "=\"";
		int start = disposition.indexOf(marker);
		if (start < 0) {
			return null;
		}
		// Reads a quoted-string as Go's mime package does: a backslash escapes the next character.
		StringBuilder value = new StringBuilder();
		for (int i = start + marker.length(); i < disposition.length(); i++) {
			char c = disposition.charAt(i);
			if (c == '\\' && i + 1 < disposition.length()) {
				value.append(disposition.charAt(++i));
			}
			else if (c == '"') {
				break;
			}
			else {
				value.append(c);
			}
		}
		return value.toString();
	}

	@Override
	public void close() {
		this.server.close();
	}

	/**
	 * One part of a multipart body.
	 *
	 * @param name the field name
	 * @param filename the file name, for a file
	 * @param contentType the part's content type, if it has one
	 * @param bytes the content
	 */
	public record Part(String name, @Nullable String filename, @Nullable String contentType, byte[] bytes) {

		/**
		 * A part with text content, to compare with what was sent.
		 * @param name the field name
		 * @param filename the file name, for a file
		 * @param contentType the part's content type
		 * @param text the content, as UTF-8
		 */
		public Part(String name, @Nullable String filename, @Nullable String contentType, String text) {
			this(name, filename, contentType, text.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Part part && this.name.equals(part.name)
					&& java.util.Objects.equals(this.filename, part.filename)
					&& java.util.Objects.equals(this.contentType, part.contentType)
					&& java.util.Arrays.equals(this.bytes, part.bytes);
		}

		@Override
		public int hashCode() {
			return java.util.Objects.hash(this.name, this.filename, this.contentType, java.util.Arrays.hashCode(this.bytes));
		}

		@Override
		public String toString() {
			return "Part[" + this.name + ", " + this.filename + ", " + this.contentType + ", " + text() + "]";
		}

		/** @return the content as UTF-8 text */
		public String text() {
			return new String(this.bytes, StandardCharsets.UTF_8);
		}

	}

	/**
	 * A request with its multipart parts.
	 *
	 * @param request the request
	 * @param parts its parts, empty unless it was multipart
	 */
	public record Recorded(RecordedRequest request, List<Part> parts) {

		/** @return the encoded path */
		public String path() {
			return this.request.getUrl().encodedPath();
		}

		/**
		 * @param name a header name
		 * @return its value
		 */
		public @Nullable String header(String name) {
			return this.request.getHeaders().get(name);
		}

		/**
		 * @param name a part name
		 * @return the text of every part of that name
		 */
		public List<String> values(String name) {
			return this.parts.stream().filter(p -> p.name().equals(name)).map(Part::text).toList();
		}

		/**
		 * @param name a part name
		 * @return the text of the one part of that name
		 */
		public String value(String name) {
			List<String> values = values(name);
			if (values.size() != 1) {
				throw new AssertionError("expected one part '" + name + "', found " + values);
			}
			return values.get(0);
		}

		/** @return the names of the parts, in order */
		public List<String> names() {
			return this.parts.stream().map(Part::name).toList();
		}

		/**
		 * @param name a part name
		 * @return the file parts of that name
		 */
		public List<Part> files(String name) {
			return this.parts.stream().filter(p -> p.name().equals(name) && p.filename() != null).toList();
		}

	}

}
