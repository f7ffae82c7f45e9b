package io.github.springmailgun.fault;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.error.MailgunException;
import io.github.springmailgun.error.MailgunTimeoutException;
import io.github.springmailgun.error.MailgunTransportException;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The client on the JDK's HTTP client instead of Reactor Netty: its read timeout and its failure
 * classification do not depend on Netty types.
 */
class JdkConnectorTests {

	private static final MailgunRetryPolicy RETRIES = new MailgunRetryPolicy(true, 3, Duration.ofMillis(10),
			Duration.ofMillis(50), Duration.ofSeconds(5), false);

	private RawHttpServer server;

	@AfterEach
	void stop() throws Exception {
		if (this.server != null) {
			this.server.close();
		}
	}

	private MailgunTemplate client(ClientHttpConnector connector, Duration readTimeout) {
		return new MailgunTemplate(MailgunClientSettings.builder("key-jdk", "mg.example.com")
			.baseUrl(this.server.baseUrl())
			.readTimeout(readTimeout)
			.retry(RETRIES)
			.build(), WebClient.builder().clientConnector(connector));
	}

	private static MailgunMessage message() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").subject("s").text("t").build();
	}

	private static Throwable sendFails(MailgunTemplate client) {
		Throwable failure = catchThrowable(() -> client.send(message()).block(Duration.ofSeconds(8)));
		assertThat(failure).isInstanceOf(MailgunException.class);
		return failure;
	}

	@Test
	void readTimeoutAppliesWithoutAConnectorTimeout() throws Exception {
		this.server = new RawHttpServer(exchange -> {
			exchange.readRequest();
			exchange.sleep(10_000);
		});
		JdkClientHttpConnector connector = new JdkClientHttpConnector(HttpClient.newHttpClient());
		Throwable failure = sendFails(client(connector, Duration.ofMillis(500)));
		assertThat(failure).isInstanceOfSatisfying(MailgunTimeoutException.class, ex -> {
			assertThat(ex.getMessage()).contains("No response from Mailgun within PT0.5S");
			assertThat(ex.isRequestMayHaveReachedMailgun()).isTrue();
		});
		assertThat(this.server.completeRequests()).isEqualTo(1);
	}

	@Test
	void theJdkClientsOwnTimeoutIsATimeout() throws Exception {
		this.server = new RawHttpServer(exchange -> {
			exchange.readRequest();
			exchange.sleep(10_000);
		});
		JdkClientHttpConnector connector = new JdkClientHttpConnector(HttpClient.newHttpClient());
		connector.setReadTimeout(Duration.ofMillis(300));
		Throwable failure = sendFails(client(connector, Duration.ofSeconds(30)));
		// The JDK client's timeout is in the chain; under load it may carry an IOException of its own as cause.
		assertThat(failure).isInstanceOfSatisfying(MailgunTimeoutException.class,
				ex -> assertThat(java.util.stream.Stream.<Throwable>iterate(ex, java.util.Objects::nonNull, Throwable::getCause))
					.anyMatch(java.net.http.HttpTimeoutException.class::isInstance));
		assertThat(this.server.completeRequests()).isEqualTo(1);
	}

	/**
	 * The wait starts when the body is out. (A body held in memory is handed over in slices of 16 KB, so
	 * the JDK client, which takes a buffer when it sends it, does not count its upload either.)
	 */
	@ParameterizedTest
	@CsvSource({ "jdk, file", "jdk, bytes", "reactor, file", "reactor, bytes" })
	void anUploadSlowerThanTheReadTimeoutIsNotATimeout(String connectorName, String content, @TempDir Path dir)
			throws Exception {
		byte[] bytes = new byte[16 * 1024 * 1024];
		Attachment attachment = content.equals("file") ? Attachment.of(Files.write(dir.resolve("big.bin"), bytes))
				: Attachment.of("big.bin", bytes);
		boolean jdk = connectorName.equals("jdk");
		this.server = new RawHttpServer(exchange -> {
			exchange.readHead();
			// Reads nothing for a while: the client's upload stalls once the socket buffers are full.
			exchange.sleep(1500);
			exchange.readBody();
			exchange.respond(200, "application/json", "{\"id\":\"<1@mg.example.com>\",\"message\":\"Queued.\"}");
		});
		MailgunMessage large = MailgunMessage.builder()
			.from("shop@mg.example.com")
			.to("a@example.com")
			.text("t")
			.attachment(attachment)
			.build();
		ClientHttpConnector connector = jdk ? new JdkClientHttpConnector(HttpClient.newHttpClient())
				: new ReactorClientHttpConnector();
		SendResponse response = client(connector, Duration.ofMillis(500)).send(large).block(Duration.ofSeconds(10));
		assertThat(response.id()).isEqualTo("<1@mg.example.com>");
		assertThat(this.server.completeRequests()).isEqualTo(1);
	}

	@Test
	void anUploadTheServerStopsReadingIsAStallOnTheJdkClientToo() throws Exception {
		this.server = new RawHttpServer(exchange -> {
			exchange.readHead();
			exchange.readBytes(8 * 1024);
			exchange.sleep(10_000);
		}, 64 * 1024);
		MailgunMessage huge = MailgunMessage.builder()
			.from("shop@mg.example.com")
			.to("a@example.com")
			.text("t")
			.attachment(Attachment.of("huge.bin", new byte[16 * 1024 * 1024]))
			.build();
		MailgunTemplate client = new MailgunTemplate(MailgunClientSettings.builder("key-jdk", "mg.example.com")
			.baseUrl(this.server.baseUrl())
			.writeTimeout(Duration.ofMillis(500))
			.retry(MailgunRetryPolicy.DISABLED)
			.build(), WebClient.builder().clientConnector(new JdkClientHttpConnector(HttpClient.newHttpClient())));
		Throwable failure = catchThrowable(() -> client.send(huge).block(Duration.ofSeconds(8)));
		assertThat(failure).isInstanceOfSatisfying(MailgunTimeoutException.class, ex -> {
			assertThat(ex.getMessage()).contains("Upload to Mailgun stalled", "no progress for PT0.5S");
			assertThat(ex.isRequestMayHaveReachedMailgun()).isFalse();
		});
		assertThat(this.server.completeRequests()).isZero();
	}

	@Test
	void connectionRefusedIsRetriedAsNotReached() throws Exception {
		this.server = new RawHttpServer(exchange -> exchange.readRequest());
		String baseUrl = this.server.baseUrl();
		this.server.close();
		MailgunTemplate client = new MailgunTemplate(MailgunClientSettings.builder("key-jdk", "mg.example.com")
			.baseUrl(baseUrl)
			.retry(MailgunRetryPolicy.DISABLED)
			.build(), WebClient.builder().clientConnector(new JdkClientHttpConnector()));
		Throwable failure = catchThrowable(() -> client.send(message()).block(Duration.ofSeconds(8)));
		assertThat(failure).isExactlyInstanceOf(MailgunTransportException.class);
		assertThat(((MailgunTransportException) failure).isRequestMayHaveReachedMailgun()).isFalse();
		assertThat(failure.getMessage()).startsWith("Could not connect to Mailgun");
		this.server = null;
	}

}
