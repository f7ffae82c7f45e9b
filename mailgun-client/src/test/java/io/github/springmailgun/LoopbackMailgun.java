package io.github.springmailgun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;

/**
 * A loopback HTTP server standing in for Mailgun in tests, with an independent multipart parser
 * (OkHttp's) to read what the client wrote.
 */
public final class LoopbackMailgun implements AutoCloseable {

	public static final String API_KEY = "key-0123456789abcdef-secret";

	public static final String DOMAIN = "mg.example.com";

	public static final String ACCEPTED = "{\"id\":\"<20261128.1.ABC@mg.example.com>\",\"message\":\"Queued. Thank you.\"}";

	public final MockWebServer server = new MockWebServer();

	private LoopbackMailgun() throws IOException {
		this.server.start();
	}

	public static LoopbackMailgun start() {
		try {
			return new LoopbackMailgun();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String baseUrl() {
		String url = this.server.url("/").toString();
		return url.substring(0, url.length() - 1);
	}

	public MailgunClientSettings.Builder settings() {
		return MailgunClientSettings.builder(API_KEY, DOMAIN).baseUrl(baseUrl()).retry(MailgunRetryPolicy.DISABLED);
	}

	public MailgunTemplate client() {
		return new MailgunTemplate(settings().build());
	}

	public static String expectedAuthorization() {
		return "Basic " + Base64.getEncoder().encodeToString(("api:" + API_KEY).getBytes(StandardCharsets.UTF_8));
	}

	public LoopbackMailgun accept() {
		return respond(200, ACCEPTED);
	}

	public LoopbackMailgun respond(int status, String body, String... headers) {
		MockResponse.Builder response = new MockResponse.Builder().code(status).body(body);
		boolean typed = false;
		for (int i = 0; i < headers.length; i += 2) {
			response.addHeader(headers[i], headers[i + 1]);
			typed |= headers[i].equalsIgnoreCase("Content-Type");
		}
		if (!typed) {
			response.addHeader("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
		}
		this.server.enqueue(response.build());
		return this;
	}

	public int requestCount() {
		return this.server.getRequestCount();
	}

	public Recorded take() {
		try {
			RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
			if (request == null) {
				throw new AssertionError("no request arrived within 5 s");
			}
			return new Recorded(request, parse(request));
		}
		catch (InterruptedException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<Part> parse(RecordedRequest request) throws IOException {
		String contentType = request.getHeaders().get("Content-Type");
		List<Part> parts = new ArrayList<>();
		if (contentType == null || !contentType.startsWith("multipart/form-data") || request.getBody() == null) {
			return parts;
		}
		String boundary = MediaType.get(contentType).parameter("boundary");
		try (MultipartReader reader = new MultipartReader(new Buffer().write(request.getBody()), boundary)) {
			MultipartReader.Part part;
			while ((part = reader.nextPart()) != null) {
				String disposition = part.headers().get("Content-Disposition");
				parts.add(new Part(param(disposition, "name"), param(disposition, "filename"),
						part.headers().get("Content-Type"), part.body().readByteArray()));
			}
		}
		return parts;
	}

	private static String param(String disposition, String name) {
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

	public record Part(String name, String filename, String contentType, byte[] bytes) {

		public String text() {
			return new String(this.bytes, StandardCharsets.UTF_8);
		}

	}

	public record Recorded(RecordedRequest request, List<Part> parts) {

		public String path() {
			return this.request.getUrl().encodedPath();
		}

		public String header(String name) {
			return this.request.getHeaders().get(name);
		}

		public List<String> values(String name) {
			return this.parts.stream().filter(p -> p.name().equals(name)).map(Part::text).toList();
		}

		public String value(String name) {
			List<String> values = values(name);
			if (values.size() != 1) {
				throw new AssertionError("expected one part '" + name + "', found " + values);
			}
			return values.get(0);
		}

		public List<String> names() {
			return this.parts.stream().map(Part::name).toList();
		}

		public List<Part> files(String name) {
			return this.parts.stream().filter(p -> p.name().equals(name) && p.filename() != null).toList();
		}

	}

}
