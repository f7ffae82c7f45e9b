package io.github.springmailgun.fault;

import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunRegion;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.error.MailgunTlsException;
import io.github.springmailgun.message.MailgunMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The default base URLs are HTTPS, and the client verifies certificates: a server with a certificate
 * nobody vouches for never sees the request, let alone the key.
 */
class TlsVerificationTests {

	@Test
	void defaultBaseUrlsAreHttps() {
		for (MailgunRegion region : MailgunRegion.values()) {
			assertThat(region.baseUrl().getScheme()).isEqualTo("https");
		}
	}

	@Test
	void untrustedCertificateIsRefusedBeforeAnyRequest(@TempDir Path dir) throws Exception {
		assertRefusedOnce(dir, WebClient.builder().clientConnector(new ReactorClientHttpConnector()));
	}

	@Test
	void untrustedCertificateIsRefusedOnTheJdkConnectorToo(@TempDir Path dir) throws Exception {
		assertRefusedOnce(dir, WebClient.builder().clientConnector(new JdkClientHttpConnector()));
	}

	/** A failed certificate check is a typed error that says how to trust the certificate, not retried. */
	private void assertRefusedOnce(Path dir, WebClient.Builder webClient) throws Exception {
		Path keystore = dir.resolve("self-signed.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
				"-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
				"-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
			.redirectErrorStream(true)
			.start();
		assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
			.isZero();

		KeyStore store = KeyStore.getInstance("PKCS12");
		try (FileInputStream in = new FileInputStream(keystore.toFile())) {
			store.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, "changeit".toCharArray());
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(keys.getKeyManagers(), null, null);

		AtomicInteger requests = new AtomicInteger();
		AtomicInteger connections = new AtomicInteger();
		HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(tls) {

			@Override
			public void configure(HttpsParameters params) {
				connections.incrementAndGet();
				super.configure(params);
			}

		});
		server.createContext("/", exchange -> {
			requests.incrementAndGet();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
		try {
			MailgunTemplate client = new MailgunTemplate(MailgunClientSettings.builder("key-tls", "mg.example.com")
				.baseUrl("https://127.0.0.1:" + server.getAddress().getPort())
				.retry(new MailgunRetryPolicy(true, 3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5),
						false))
				.build(), webClient);
			MailgunMessage message = MailgunMessage.builder()
				.from("a@mg.example.com")
				.to("b@example.com")
				.text("t")
				.build();
			assertThatThrownBy(() -> client.send(message).block(Duration.ofSeconds(10)))
				.isInstanceOfSatisfying(MailgunTlsException.class, ex -> {
					assertThat(ex).hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
					assertThat(ex.isRequestMayHaveReachedMailgun()).isFalse();
					assertThat(ex.getMessage()).contains("127.0.0.1", "mailgun.ssl.bundle")
						.doesNotContain("key-tls");
				});
			assertThat(requests).hasValue(0);
			assertThat(connections).hasValue(1);
		}
		finally {
			server.stop(0);
		}
	}

}
