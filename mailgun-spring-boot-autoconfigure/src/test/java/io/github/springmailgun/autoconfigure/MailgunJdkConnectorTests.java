package io.github.springmailgun.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.github.springmailgun.BlockingMailgunOperations;
import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.error.MailgunTimeoutException;
import io.github.springmailgun.error.MailgunTransportException;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.MailgunMessage;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client end to end on the JDK's HTTP client, chosen the way a Boot user chooses it:
 * {@code spring.http.clients.reactive.connector=jdk}. (The TLS failure is in {@link MailgunHttpsTests}.)
 */
class MailgunJdkConnectorTests {

	private static final String ACCEPTED = "{\"id\":\"<1@mg.example.com>\",\"message\":\"Queued. Thank you.\"}";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MailgunAutoConfiguration.class, WebClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class, SslAutoConfiguration.class))
		.withPropertyValues("mailgun.api-key=key-jdk-secret", "mailgun.domain=mg.example.com",
				"mailgun.retry.initial-backoff=10ms", "spring.http.clients.reactive.connector=jdk");

	// Started before each test and closed after it by OkHttp's JUnit extension.
	@StartStop
	private final MockWebServer server = new MockWebServer();

	private String baseUrl() {
		return "mailgun.base-url=" + this.server.url("/");
	}

	private void accept(Duration after) {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.headersDelay(after.toMillis(), TimeUnit.MILLISECONDS)
			.addHeader("Content-Type", "application/json")
			.body(ACCEPTED)
			.build());
	}

	private static MailgunMessage.Builder message() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").subject("s").text("t");
	}

	@Test
	void sendsOnTheJdkClient() {
		accept(Duration.ZERO);
		this.contextRunner.withPropertyValues(baseUrl()).run(context -> {
			String thread = context.getBean(MailgunOperations.class)
				.send(message().build())
				.map(response -> Thread.currentThread().getName())
				.block(Duration.ofSeconds(10));
			// Reactor Netty would complete the response on one of its event loops.
			assertThat(thread).doesNotStartWith("reactor-http");
			RecordedRequest request = this.server.takeRequest();
			assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic YXBpOmtleS1qZGstc2VjcmV0");
			assertThat(request.getBody().utf8()).contains("name=\"subject\"");
		});
	}

	@Test
	void streamsAnAttachment(@TempDir Path dir) throws IOException {
		byte[] content = new byte[3 * 1024 * 1024];
		Arrays.fill(content, (byte) 'x');
		Path file = Files.write(dir.resolve("report.bin"), content);
		accept(Duration.ZERO);
		this.contextRunner.withPropertyValues(baseUrl()).run(context -> {
			context.getBean(BlockingMailgunOperations.class)
				.send(message().attachment(Attachment.of(file, "application/octet-stream")).build());
			RecordedRequest request = this.server.takeRequest();
			assertThat(request.getBodySize()).isGreaterThan(content.length);
			assertThat(request.getBody().utf8()).contains("filename=\"report.bin\"", "x".repeat(1000));
		});
	}

	@Test
	void connectionRefusedIsNotReachedAndRetried() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		this.contextRunner.withPropertyValues("mailgun.base-url=http://127.0.0.1:" + closedPort)
			.run(context -> assertThatThrownBy(() -> context.getBean(BlockingMailgunOperations.class).send(message().build()))
				.isExactlyInstanceOf(MailgunTransportException.class)
				.hasMessageStartingWith("Could not connect to Mailgun")
				.satisfies(ex -> assertThat(((MailgunTransportException) ex).isRequestMayHaveReachedMailgun()).isFalse()));
	}

	@Test
	void aResponseThatDoesNotComeTimesOutOnce() {
		accept(Duration.ofSeconds(5));
		this.contextRunner.withPropertyValues(baseUrl(), "mailgun.read-timeout=300ms").run(context -> {
			long start = System.nanoTime();
			assertThatThrownBy(() -> context.getBean(BlockingMailgunOperations.class).send(message().build()))
				.isInstanceOfSatisfying(MailgunTimeoutException.class,
						ex -> assertThat(ex.isRequestMayHaveReachedMailgun()).isTrue())
				.hasMessageContaining("PT0.3S");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
			// A send that may have reached Mailgun is not repeated.
			assertThat(this.server.getRequestCount()).isEqualTo(1);
		});
	}

}
