package io.github.springmailgun.autoconfigure.reactiveblocking;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a WebFlux application, the blocking JavaMailSender refuses to run on the event loop (and sends
 * nothing), and works once the call is moved to a blocking scheduler.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mailgun.api-key=key-reactive", "mailgun.domain=mg.example.com",
				"spring.main.web-application-type=reactive" })
class ReactiveMailApplicationTests {

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

	private HttpResponse<String> post(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void onTheEventLoopItFailsClearlyAndSendsNothing() throws Exception {
		int before = mailgun.getRequestCount();
		HttpResponse<String> response = post("/direct");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).contains("non-blocking thread", "Schedulers.boundedElastic()");
		assertThat(mailgun.getRequestCount()).isEqualTo(before);
	}

	@Test
	void offloadedToABlockingSchedulerItSends() throws Exception {
		mailgun.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"id\":\"<5@mg.example.com>\",\"message\":\"Queued. Thank you.\"}")
			.build());
		assertThat(post("/offloaded").statusCode()).isEqualTo(200);
		assertThat(mailgun.takeRequest().getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/messages");
	}

}
