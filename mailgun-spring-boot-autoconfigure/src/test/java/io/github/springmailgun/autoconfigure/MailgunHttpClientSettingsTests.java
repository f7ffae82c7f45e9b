package io.github.springmailgun.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.springmailgun.BlockingMailgunOperations;
import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.error.MailgunApiException;
import io.github.springmailgun.error.MailgunTimeoutException;
import io.github.springmailgun.message.MailgunMessage;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mailgun's connector is built the way Boot builds reactive HTTP clients: each setting comes from
 * {@code mailgun.*}, else {@code spring.http.clients.*}, else the client's defaults, and redirects are
 * never followed.
 */
class MailgunHttpClientSettingsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MailgunAutoConfiguration.class, WebClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class, SslAutoConfiguration.class))
		.withPropertyValues("mailgun.api-key=key-settings-secret", "mailgun.domain=mg.example.com",
				"mailgun.retry.enabled=false");

	// Started before each test and closed after it by OkHttp's JUnit extension.
	@StartStop
	private final MockWebServer server = new MockWebServer();

	private String baseUrl() {
		return "mailgun.base-url=" + this.server.url("/");
	}

	private static MailgunMessage message() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").subject("s").text("t").build();
	}

	private void answerAfter(Duration delay) {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS)
			.addHeader("Content-Type", "application/json")
			.body("{\"id\":\"<1@mg.example.com>\",\"message\":\"Queued. Thank you.\"}")
			.build());
	}

	@Test
	void mailgunTimeoutsComeFirst() {
		this.contextRunner.withUserConfiguration(RecordingConnectorBuilder.class)
			.withPropertyValues("mailgun.connect-timeout=2s", "mailgun.read-timeout=3s",
					"spring.http.clients.connect-timeout=5s", "spring.http.clients.read-timeout=6s")
			.run(context -> {
				MailgunClientSettings settings = context.getBean(MailgunClientSettings.class);
				assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(mailgunConnector(context)).satisfies(built -> assertThat(built.connectTimeout()).isEqualTo(Duration.ofSeconds(2)));
			});
	}

	@Test
	void springHttpClientsApplyWhereMailgunLeavesATimeoutUnset() {
		this.contextRunner.withUserConfiguration(RecordingConnectorBuilder.class)
			.withPropertyValues("spring.http.clients.connect-timeout=4s", "spring.http.clients.read-timeout=7s")
			.run(context -> {
				MailgunClientSettings settings = context.getBean(MailgunClientSettings.class);
				assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(4));
				assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(mailgunConnector(context)).satisfies(built -> assertThat(built.connectTimeout()).isEqualTo(Duration.ofSeconds(4)));
			});
	}

	@Test
	void withNeitherTheTimeoutsAreTenAndThirtySeconds() {
		this.contextRunner.withUserConfiguration(RecordingConnectorBuilder.class).run(context -> {
			MailgunClientSettings settings = context.getBean(MailgunClientSettings.class);
			assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(mailgunConnector(context)).satisfies(built -> assertThat(built.connectTimeout()).isEqualTo(Duration.ofSeconds(10)));
		});
	}

	@Test
	void mailgunReadTimeoutBoundsTheWaitForTheResponse() {
		answerAfter(Duration.ofSeconds(3));
		this.contextRunner.withPropertyValues(baseUrl(), "mailgun.read-timeout=300ms", "spring.http.clients.read-timeout=20s")
			.run(context -> assertThatThrownBy(() -> context.getBean(BlockingMailgunOperations.class).send(message()))
				.isInstanceOf(MailgunTimeoutException.class)
				.hasMessageContaining("PT0.3S"));
	}

	@Test
	void springHttpClientsReadTimeoutBoundsTheWaitWhenMailgunSetsNone() {
		answerAfter(Duration.ofSeconds(3));
		this.contextRunner.withPropertyValues(baseUrl(), "spring.http.clients.read-timeout=300ms")
			.run(context -> assertThatThrownBy(() -> context.getBean(BlockingMailgunOperations.class).send(message()))
				.isInstanceOf(MailgunTimeoutException.class)
				.hasMessageContaining("PT0.3S"));
	}

	@Test
	void theApplicationsConnectorBuilderBuildsMailgunsConnector() {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"id\":\"<1@mg.example.com>\",\"message\":\"Queued. Thank you.\"}")
			.build());
		this.contextRunner.withUserConfiguration(RecordingConnectorBuilder.class)
			.withPropertyValues(baseUrl(), "spring.http.clients.redirects=follow")
			.run(context -> {
				context.getBean(BlockingMailgunOperations.class).send(message());
				assertThat(mailgunConnector(context)).satisfies(built -> {
					assertThat(built.redirects()).isEqualTo(HttpRedirects.DONT_FOLLOW);
					// The client bounds the wait for the response itself, the same on every connector.
					assertThat(built.readTimeout()).isNull();
				});
				assertThat(this.server.getRequestCount()).isEqualTo(1);
			});
	}

	@ParameterizedTest
	@ValueSource(ints = { 302, 307 })
	void redirectsAreNeverFollowedWhateverSpringHttpClientsSays(int status) throws IOException {
		try (MockWebServer other = new MockWebServer()) {
			other.start();
			String elsewhere = "http://localhost:" + other.getPort() + "/v3/mg.example.com/messages";
			this.server.enqueue(new MockResponse.Builder().code(status).addHeader("Location", elsewhere).build());
			this.contextRunner.withPropertyValues(baseUrl(), "spring.http.clients.redirects=follow").run(context -> {
				MailgunOperations mailgun = context.getBean(MailgunOperations.class);
				assertThatThrownBy(() -> mailgun.send(message()).block(Duration.ofSeconds(10)))
					.isInstanceOfSatisfying(MailgunApiException.class,
							ex -> assertThat(ex.getStatusCode()).isEqualTo(status))
					.hasMessageContaining("redirect")
					.hasMessageNotContaining("key-settings-secret");
				assertThat(this.server.getRequestCount()).isEqualTo(1);
				assertThat(other.getRequestCount()).isZero();
			});
		}
	}

	@Test
	void anSslBundleThatDoesNotExistFailsStartUpNamingIt() {
		this.contextRunner.withPropertyValues("mailgun.ssl.bundle=corporate-proxy").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isNotNull();
			MailgunSslBundleMissingException missing = findCause(context.getStartupFailure());
			assertThat(missing.getBundle()).isEqualTo("corporate-proxy");
			FailureAnalysis analysis = new MailgunSslBundleMissingFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'mailgun.ssl.bundle'", "'corporate-proxy'");
			assertThat(analysis.getAction()).contains("corporate-proxy:", "truststore:");
		});
	}

	/** Boot's WebClient.Builder has its connector built first, from spring.http.clients.*; Mailgun's comes next. */
	private static HttpClientSettings mailgunConnector(ApplicationContext context) {
		List<HttpClientSettings> built = context.getBean(RecordingConnectorBuilder.class).built;
		assertThat(built).hasSize(2);
		return built.get(1);
	}

	private static MailgunSslBundleMissingException findCause(Throwable failure) {
		Throwable current = failure;
		while (current != null) {
			if (current instanceof MailgunSslBundleMissingException missing) {
				return missing;
			}
			current = current.getCause();
		}
		throw new AssertionError("No MailgunSslBundleMissingException in " + failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingConnectorBuilder {

		final List<HttpClientSettings> built = new CopyOnWriteArrayList<>();

		@Bean
		ClientHttpConnectorBuilder<?> clientHttpConnectorBuilder() {
			return settings -> {
				this.built.add(settings);
				return ClientHttpConnectorBuilder.reactor().build(settings);
			};
		}

	}

}
