package io.github.springmailgun.fault;

import java.net.http.HttpClient;
import java.time.Duration;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.error.MailgunException;
import io.github.springmailgun.error.MailgunTimeoutException;
import io.github.springmailgun.error.MailgunTransportException;
import io.github.springmailgun.message.MailgunMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.reactive.JdkClientHttpConnector;
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

	private MailgunTemplate client(JdkClientHttpConnector connector, Duration readTimeout) {
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
		assertThat(failure).isInstanceOfSatisfying(MailgunTimeoutException.class,
				ex -> assertThat(ex).hasRootCauseInstanceOf(java.net.http.HttpTimeoutException.class));
		assertThat(this.server.completeRequests()).isEqualTo(1);
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
