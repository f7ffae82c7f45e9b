package io.github.springmailgun.autoconfigure;

import java.io.IOException;
import java.time.Duration;

import io.github.springmailgun.BlockingMailgunOperations;
import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.error.MailgunTlsException;
import io.github.springmailgun.message.MailgunMessage;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HTTPS end to end against a loopback server with a self-signed certificate ({@code src/test/resources/tls}):
 * certificate checks are on by default, and an SSL bundle is how a certificate is trusted, on Reactor
 * Netty and on the JDK client alike.
 */
class MailgunHttpsTests {

	private static final String TRUST_LOOPBACK = "spring.ssl.bundle.pem.loopback.truststore.certificate=classpath:tls/loopback-cert.pem";

	private static final String TRUST_OTHER = "spring.ssl.bundle.pem.other.truststore.certificate=classpath:tls/other-cert.pem";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MailgunAutoConfiguration.class, WebClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class, SslAutoConfiguration.class))
		.withPropertyValues("mailgun.api-key=key-https-secret", "mailgun.domain=mg.example.com",
				"mailgun.retry.max-attempts=3", "mailgun.retry.initial-backoff=10ms", TRUST_LOOPBACK, TRUST_OTHER);

	private final MockWebServer server = new MockWebServer();

	@BeforeEach
	void start() throws IOException {
		SslBundle serverTls = SslBundle.of(new PemSslStoreBundle(
				PemSslStoreDetails.forCertificate("classpath:tls/loopback-cert.pem")
					.withPrivateKey("classpath:tls/loopback-key.pem"),
				null));
		this.server.useHttps(serverTls.createSslContext().getSocketFactory());
		this.server.start();
		this.server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"id\":\"<1@mg.example.com>\",\"message\":\"Queued. Thank you.\"}")
			.build());
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private String baseUrl() {
		assertThat(this.server.url("/").scheme()).isEqualTo("https");
		return "mailgun.base-url=" + this.server.url("/");
	}

	private static MailgunMessage message() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").subject("s").text("t").build();
	}

	private ApplicationContextRunner on(String connector) {
		return this.contextRunner.withPropertyValues("spring.http.clients.reactive.connector=" + connector, baseUrl());
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "jdk" })
	void withoutABundleTheSendFailsWithATlsErrorThatSaysHowToTrustTheCertificate(String connector) {
		on(connector).run(context -> {
			assertThatThrownBy(() -> context.getBean(MailgunOperations.class).send(message()).block(Duration.ofSeconds(10)))
				.isInstanceOfSatisfying(MailgunTlsException.class,
						ex -> assertThat(ex.isRequestMayHaveReachedMailgun()).isFalse())
				.hasMessageContaining("mailgun.ssl.bundle")
				.hasMessageNotContaining("key-https-secret");
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "jdk" })
	void mailgunSslBundleTrustsTheCertificate(String connector) throws InterruptedException {
		on(connector).withPropertyValues("mailgun.ssl.bundle=loopback").run(this::sendsOverHttps);
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "jdk" })
	void springHttpClientsSslBundleAppliesWhenMailgunSetsNone(String connector) {
		on(connector).withPropertyValues("spring.http.clients.ssl.bundle=loopback").run(this::sendsOverHttps);
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "jdk" })
	void mailgunSslBundleComesBeforeSpringHttpClients(String connector) {
		on(connector).withPropertyValues("spring.http.clients.ssl.bundle=other", "mailgun.ssl.bundle=loopback")
			.run(this::sendsOverHttps);
		on(connector).withPropertyValues("spring.http.clients.ssl.bundle=loopback", "mailgun.ssl.bundle=other")
			.run(context -> assertThatThrownBy(() -> context.getBean(BlockingMailgunOperations.class).send(message()))
				.isInstanceOf(MailgunTlsException.class));
	}

	private void sendsOverHttps(org.springframework.context.ApplicationContext context) throws InterruptedException {
		assertThat(context.getBean(BlockingMailgunOperations.class).send(message()).id()).isEqualTo("<1@mg.example.com>");
		assertThat(this.server.takeRequest().getHeaders().get("Authorization")).startsWith("Basic ");
	}

}
