package io.github.springmailgun.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.BlockingMailgunOperations;
import io.github.springmailgun.error.MailgunTransportException;
import io.github.springmailgun.message.MailgunMessage;
import io.netty.resolver.NoopAddressResolverGroup;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.transport.ProxyProvider;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JVM's proxy system properties reach Mailgun's connector, and only it: a loopback CONNECT proxy that
 * alone resolves {@value #HOST} stands between the client and an HTTPS server with that name. (Reactor
 * Netty bypasses loopback names by default, hence the made-up name.)
 */
// The properties are JVM-wide and every Mailgun client built meanwhile would read them: nothing runs beside.
@Isolated
class MailgunProxyTests {

	private static final String HOST = "mailgun.proxy-only.test";

	private static final String API_KEY = "key-proxy-secret";

	private static final List<String> PROXY_PROPERTIES = List.of("https.proxyHost", "https.proxyPort", "http.proxyHost",
			"http.proxyPort", "http.nonProxyHosts");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MailgunAutoConfiguration.class, WebClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class, SslAutoConfiguration.class))
		.withPropertyValues("mailgun.api-key=" + API_KEY, "mailgun.domain=mg.example.com",
				"mailgun.retry.initial-backoff=10ms",
				"spring.ssl.bundle.pem.proxy-only.truststore.certificate=classpath:tls/proxy-only-cert.pem",
				"mailgun.ssl.bundle=proxy-only");

	private final Map<String, @Nullable String> savedProperties = new LinkedHashMap<>();

	private final MockWebServer server = new MockWebServer();

	private LoopbackConnectProxy proxy;

	@BeforeEach
	void start() throws IOException {
		PROXY_PROPERTIES.forEach(name -> this.savedProperties.put(name, System.getProperty(name)));
		SslBundle serverTls = SslBundle.of(new PemSslStoreBundle(
				PemSslStoreDetails.forCertificate("classpath:tls/proxy-only-cert.pem")
					.withPrivateKey("classpath:tls/proxy-only-key.pem"),
				null));
		this.server.useHttps(serverTls.createSslContext().getSocketFactory());
		this.server.start(InetAddress.getLoopbackAddress(), 0);
		this.proxy = new LoopbackConnectProxy(HOST);
	}

	@AfterEach
	void stop() throws IOException {
		this.savedProperties.forEach((name, value) -> {
			if (value != null) {
				System.setProperty(name, value);
			}
			else {
				System.clearProperty(name);
			}
		});
		this.proxy.close();
		this.server.close();
	}

	private void useProxy(String scheme) {
		System.setProperty(scheme + ".proxyHost", "127.0.0.1");
		System.setProperty(scheme + ".proxyPort", Integer.toString(this.proxy.port()));
	}

	private ApplicationContextRunner on(String connector) {
		return this.contextRunner.withPropertyValues("spring.http.clients.reactive.connector=" + connector,
				"mailgun.base-url=https://" + HOST + ":" + this.server.getPort());
	}

	private void accept(MockWebServer server) {
		server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"id\":\"<1@mg.example.com>\",\"message\":\"Queued. Thank you.\"}")
			.build());
	}

	private static MailgunMessage message() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").subject("s").text("t").build();
	}

	private static String basicCredentials() {
		return Base64.getEncoder().encodeToString(("api:" + API_KEY).getBytes(StandardCharsets.ISO_8859_1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "jdk" })
	void sendsThroughTheProxyOfHttpsProxyHostAndTheProxyNeverSeesTheKey(String connector) {
		useProxy("https");
		accept(this.server);
		on(connector).run(context -> {
			assertThat(context.getBean(BlockingMailgunOperations.class).send(message()).id())
				.isEqualTo("<1@mg.example.com>");
			assertThat(this.proxy.tunnels()).isPositive();
			assertThat(this.proxy.seen()).contains("CONNECT " + HOST + ":" + this.server.getPort())
				.doesNotContain(API_KEY)
				.doesNotContain(basicCredentials());
		});
	}

	@Test
	void aPlainHttpBaseUrlGoesThroughTheProxyOfHttpProxyHostAndExposesTheKeyToIt() throws IOException {
		try (MockWebServer plain = new MockWebServer()) {
			plain.start(InetAddress.getLoopbackAddress(), 0);
			accept(plain);
			useProxy("http");
			this.contextRunner.withPropertyValues("mailgun.base-url=http://" + HOST + ":" + plain.getPort())
				.run(context -> {
					context.getBean(BlockingMailgunOperations.class).send(message());
					assertThat(this.proxy.tunnels()).isPositive();
					// Why Mailgun is reached over HTTPS: over HTTP, whatever is in the way reads the key.
					assertThat(this.proxy.seen()).contains("Basic " + basicCredentials());
				});
		}
	}

	@Test
	void nonProxyHostsMatchingTheHostBypassesTheProxy() {
		useProxy("https");
		System.setProperty("http.nonProxyHosts", "*.proxy-only.test");
		on("reactor").run(context -> {
			// Only the proxy resolves the name: without it, the connection cannot even start.
			assertThatThrownBy(() -> context.getBean(BlockingMailgunOperations.class).send(message()))
				.isInstanceOfSatisfying(MailgunTransportException.class,
						ex -> assertThat(ex.isRequestMayHaveReachedMailgun()).isFalse());
			assertThat(this.proxy.tunnels()).isZero();
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void theApplicationsOtherWebClientsAreLeftAsBootBuildsThem() {
		useProxy("https");
		accept(this.server);
		on("reactor").run(context -> {
			context.getBean(BlockingMailgunOperations.class).send(message());
			int tunnels = this.proxy.tunnels();
			assertThat(tunnels).isPositive();
			WebClient other = context.getBean(WebClient.Builder.class).build();
			ThrowingCallable request = () -> other.get()
				.uri("https://" + HOST + ":" + this.server.getPort() + "/")
				.retrieve()
				.toBodilessEntity()
				.block(Duration.ofSeconds(10));
			if (SpringBootVersion.getVersion().startsWith("4.0.")) {
				// Boot 4.0 proxies none of its clients: only Mailgun's copy of the builder got the customizer.
				assertThatThrownBy(request).isInstanceOf(WebClientRequestException.class)
					.cause()
					.isInstanceOf(UnknownHostException.class);
				assertThat(this.proxy.tunnels()).isEqualTo(tunnels);
			}
			else {
				// Boot 4.1 reads the properties for every Reactor Netty client it builds (README says so). The
				// other client gets through, and fails on the certificate only Mailgun's bundle trusts.
				assertThatThrownBy(request).isInstanceOf(WebClientRequestException.class)
					.hasRootCauseInstanceOf(CertPathBuilderException.class);
				assertThat(this.proxy.tunnels()).isGreaterThan(tunnels);
			}
			assertThat(this.server.getRequestCount()).isOne();
		});
	}

	@Test
	void reactorNettyReadsThePropertiesWhenTheClientIsBuilt() {
		accept(this.server);
		on("reactor").run(context -> {
			BlockingMailgunOperations mailgun = context.getBean(BlockingMailgunOperations.class);
			useProxy("https");
			assertThatThrownBy(() -> mailgun.send(message())).isInstanceOf(MailgunTransportException.class);
			assertThat(this.proxy.tunnels()).isZero();
		});
	}

	@Test
	void aProxySetByAConnectorBuilderCustomizerWins() throws IOException {
		useProxy("https");
		accept(this.server);
		try (LoopbackConnectProxy theirs = new LoopbackConnectProxy(HOST)) {
			// The README's example: Boot's shared event loops bring a DNS resolver, which must go for the proxy
			// to resolve the name.
			ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> customizer = builder -> builder
				.withHttpClientCustomizer(client -> client
					.proxy(spec -> spec.type(ProxyProvider.Proxy.HTTP).host("127.0.0.1").port(theirs.port()))
					.resolver(NoopAddressResolverGroup.INSTANCE));
			on("reactor").withBean(ClientHttpConnectorBuilderCustomizer.class, () -> customizer).run(context -> {
				context.getBean(BlockingMailgunOperations.class).send(message());
				assertThat(theirs.tunnels()).isPositive();
				assertThat(this.proxy.tunnels()).isZero();
			});
		}
	}

	@Test
	void aProxySetOnTheApplicationsConnectorBuilderWins() throws IOException {
		useProxy("https");
		accept(this.server);
		try (LoopbackConnectProxy theirs = new LoopbackConnectProxy(HOST)) {
			// The application's own builder bean, in place of Boot's (and without Boot's shared event loops, so
			// Reactor Netty's proxy needs no change of resolver).
			on("reactor").withBean(ClientHttpConnectorBuilder.class, () -> ClientHttpConnectorBuilder.reactor()
				.withHttpClientCustomizer(client -> client
					.proxy(spec -> spec.type(ProxyProvider.Proxy.HTTP).host("127.0.0.1").port(theirs.port()))))
				.run(context -> {
					context.getBean(BlockingMailgunOperations.class).send(message());
					assertThat(theirs.tunnels()).isPositive();
					assertThat(this.proxy.tunnels()).isZero();
				});
		}
	}

}
