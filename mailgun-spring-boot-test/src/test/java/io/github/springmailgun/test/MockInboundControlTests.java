package io.github.springmailgun.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /mock/receive} and {@code GET /mock/inbound/deliveries}: a test in another process
 * receives mail through the mock's control endpoints, and the signed post reaches a route's URL.
 */
class MockInboundControlTests {

	private final MailgunMockServer mock = MailgunMockServer.start();

	private final RawHttp http = new RawHttp(this.mock);

	private final List<String> posts = new CopyOnWriteArrayList<>();

	private HttpServer app;

	@AfterEach
	void close() {
		this.mock.close();
		if (this.app != null) {
			this.app.stop(0);
		}
	}

	private String startApp() throws IOException {
		this.app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.app.createContext("/inbound", (exchange) -> {
			try (InputStream in = exchange.getRequestBody()) {
				this.posts.add(exchange.getRequestHeaders().getFirst("Content-Type") + "\n"
						+ new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.app.start();
		return "http://127.0.0.1:" + this.app.getAddress().getPort() + "/inbound";
	}

	private HttpResponse<String> control(String json) {
		return this.http.post("/mock/receive", "application/json", json.getBytes(StandardCharsets.UTF_8), null);
	}

	@Test
	void receiveOverHttpPostsTheSignedFormToTheRoute() throws Exception {
		String url = startApp();
		MockRoute route = this.mock.inboundRoutes()
			.create(0, "support", "match_recipient(\"support@.*\")", List.of("forward(\"" + url + "\")"));

		HttpResponse<String> answer = control("{\"from\": \"jane@example.com\", \"recipient\": \"support@mg.example.com\","
				+ " \"subject\": \"Help\", \"text\": \"Hi\", \"attachments\": [{\"fileName\": \"a.txt\","
				+ " \"contentType\": \"text/plain\", \"content\": \"aGVsbG8=\"}]}");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(MockJson.readObject(answer.body())).containsEntry("routes", List.of(route.id()));
		MockInboundDelivery delivery = this.mock.inbound().awaitDeliveries(1, Duration.ofSeconds(10)).get(0);
		assertThat(delivery.status()).isEqualTo(200);
		String post = this.posts.get(0);
		assertThat(post).startsWith("multipart/form-data; boundary=")
			.contains("name=\"subject\"")
			.contains("filename=\"a.txt\"")
			.contains("hello")
			.contains("name=\"attachment-count\"")
			.contains("name=\"signature\"");
		Map<String, Object> deliveries = MockJson.readObject(this.http.get("/mock/inbound/deliveries", null).body());
		assertThat((List<?>) deliveries.get("items")).hasSize(1);
	}

	@Test
	void mailWithoutAttachmentsIsPostedUrlEncoded() throws Exception {
		String url = startApp();
		this.mock.inboundRoutes()
			.create(0, "support", "match_recipient(\"support@.*\")", List.of("forward(\"" + url + "\")"));

		this.mock.receive(MockInboundMessage.builder("jane@example.com", "support@mg.example.com")
			.subject("Plain & simple")
			.text("100% + \u2713")
			.build());

		assertThat(this.mock.inbound().awaitDeliveries(1, Duration.ofSeconds(10)).get(0).status()).isEqualTo(200);
		assertThat(this.posts.get(0)).startsWith("application/x-www-form-urlencoded\n")
			.contains("subject=Plain+%26+simple")
			.contains("body-plain=100%25+%2B+%E2%9C%93")
			.contains("&signature=");
	}

	@Test
	void aPostWithoutAnswerIsRecordedWithItsCause() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		MockRoute route = this.mock.inboundRoutes()
			.create(0, "support", "catch_all()",
					List.of("forward(\"http://127.0.0.1:" + closedPort + "/inbound\")"));

		this.mock.receive(MockInboundMessage.builder("jane@example.com", "support@mg.example.com").text("Hi").build());

		MockInboundDelivery delivery = this.mock.inbound().awaitDeliveries(1, Duration.ofSeconds(10)).get(0);
		assertThat(delivery.routeId()).isEqualTo(route.id());
		assertThat(delivery.status()).isZero();
		assertThat(delivery.delivered()).isFalse();
		// The cause, not the CompletionException the JDK client wraps it in.
		assertThat(delivery.error()).startsWith("ConnectException");
	}

	@Test
	void receiveOverHttpKeepsARepeatedHeader() throws Exception {
		String url = startApp();
		this.mock.inboundRoutes()
			.create(0, "support", "match_header(\"received\", \"from b\")", List.of("forward(\"" + url + "\")"));

		HttpResponse<String> answer = control("{\"from\": \"jane@example.com\", \"recipient\": \"support@mg.example.com\","
				+ " \"headers\": [[\"Received\", \"from a\"], [\"Received\", \"from b\"]]}");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(this.mock.inbound().awaitDeliveries(1, Duration.ofSeconds(10)).get(0).status()).isEqualTo(200);
		assertThat(URLDecoder.decode(this.posts.get(0), StandardCharsets.UTF_8))
			.contains("[\"Received\",\"from a\"],[\"Received\",\"from b\"]");
	}

	@Test
	void receiveWithoutAMatchingRouteSaysSo() {
		HttpResponse<String> answer = control("{\"from\": \"jane@example.com\", \"recipient\": \"nobody@mg.example.com\"}");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(MockJson.readObject(answer.body())).containsEntry("message", "No route matched")
			.containsEntry("routes", List.of());
		assertThat(this.mock.inbound().deliveries()).isEmpty();
	}

	@Test
	void receiveWithoutRecipientIsABadRequest() {
		assertThat(control("{\"from\": \"jane@example.com\"}").statusCode()).isEqualTo(400);
	}

}
