package io.github.springmailgun.test.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the {@code /mock/} control endpoints of a mock in another process with the JDK's HTTP client:
 * JSON in, JSON out, no key. An answer other than 2xx is a mistake of the test (or a mock too old for the
 * endpoint), reported with the mock's message.
 */
final class MockControlClient {

	private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
	};

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Supplier<URI> baseUrl;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	/**
	 * Creates a client.
	 * @param baseUrl the mock's base URL, looked up on each call (the container's mapped port)
	 */
	MockControlClient(Supplier<URI> baseUrl) {
		this.baseUrl = baseUrl;
	}

	Map<String, Object> post(String path, Map<String, ?> body) {
		return call(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))), "POST " + path);
	}

	Map<String, Object> get(String path) {
		return call(HttpRequest.newBuilder(uri(path)).GET(), "GET " + path);
	}

	/** The {@code items} of a list answer, each a JSON object. */
	@SuppressWarnings("unchecked")
	List<Map<String, Object>> items(String path) {
		List<Map<String, Object>> items = new ArrayList<>();
		if (get(path).get("items") instanceof List<?> list) {
			for (Object item : list) {
				items.add((Map<String, Object>) item);
			}
		}
		return items;
	}

	private URI uri(String path) {
		return URI.create(this.baseUrl.get() + path);
	}

	private Map<String, Object> call(HttpRequest.Builder request, String description) {
		HttpResponse<String> response;
		try {
			response = this.client.send(request.timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The Mailgun mock did not answer " + description, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calling " + description + " on the Mailgun mock", ex);
		}
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("The Mailgun mock answered " + description + " with "
					+ response.statusCode() + ": " + response.body());
		}
		return json.readValue(response.body(), OBJECT);
	}

}
