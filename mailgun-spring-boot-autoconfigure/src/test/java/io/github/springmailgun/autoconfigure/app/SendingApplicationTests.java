package io.github.springmailgun.autoconfigure.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application on a random port sends through the auto-configured client, configured from
 * application.yml, to a loopback server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class SendingApplicationTests {

	static final MockWebServer mailgun = new MockWebServer();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void mailgunUrl(DynamicPropertyRegistry registry) throws IOException {
		mailgun.start();
		registry.add("mailgun.base-url", () -> mailgun.url("/").toString());
	}

	@AfterAll
	static void stop() {
		mailgun.close();
	}

	@Test
	void controllerSendsThroughTheStarter() throws Exception {
		mailgun.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"id\":\"<42@mg.example.com>\",\"message\":\"Queued. Thank you.\"}")
			.build());
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/welcome?email=alice@example.com"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("42@mg.example.com");
		RecordedRequest request = mailgun.takeRequest();
		assertThat(request.getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/messages");
		String body = request.getBody().utf8();
		assertThat(body).contains("alice@example.com", "Welcome", "app@mg.example.com");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic YXBpOmtleS1mcm9tLXlhbWw=");
	}

}
