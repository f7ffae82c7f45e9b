package io.github.springmailgun.test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.error.MailgunAuthenticationException;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The mock as a process of its own (the runnable jar and the container): configured by environment
 * variables, listening on every interface, and reporting each request on its output, since a test in
 * another process cannot read the recorder.
 */
class MailgunMockServerMainTests {

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final Map<String, String> environment = new HashMap<>(Map.of(MailgunMockServerMain.PORT, "0"));

	private MailgunMockServer start() {
		return MailgunMockServerMain.start(this.environment::get,
				new PrintStream(this.output, true, StandardCharsets.UTF_8));
	}

	private String output() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

	@Test
	void listensOnEveryInterfaceWithTheDefaults() {
		try (MailgunMockServer mock = start()) {
			assertThat(mock.apiKey()).isEqualTo(MailgunMockServer.DEFAULT_API_KEY);
			assertThat(mock.domain()).isEqualTo(MailgunMockServer.DEFAULT_DOMAIN);
			// Bound to 0.0.0.0, reached here on loopback.
			assertThat(mock.baseUrl().getHost()).isEqualTo(InetAddress.getLoopbackAddress().getHostAddress());
			assertThat(output()).isEqualTo(MailgunMockServerMain.READY_MESSAGE + "0.0.0.0:" + mock.port()
					+ " (domains: mg.example.com)" + System.lineSeparator());
		}
	}

	@Test
	void takesKeyDomainsAndHostFromTheEnvironmentAndNeverPrintsTheKey() {
		this.environment.put(MailgunMockServerMain.API_KEY, "key-from-env");
		this.environment.put(MailgunMockServerMain.DOMAINS, " mg.shop.test, mg.other.test,MG.SHOP.TEST ,");
		this.environment.put(MailgunMockServerMain.HOST, "127.0.0.1");
		try (MailgunMockServer mock = start()) {
			assertThat(mock.apiKey()).isEqualTo("key-from-env");
			assertThat(mock.domain()).isEqualTo("mg.shop.test");
			assertThat(mock.domains()).extracting(MockDomain::name).containsExactly("mg.shop.test", "mg.other.test");
			assertThat(output()).startsWith(MailgunMockServerMain.READY_MESSAGE + "127.0.0.1:" + mock.port()
					+ " (domains: mg.shop.test, mg.other.test)");

			client(mock, "key-from-env").send(message().build()).block();
			assertThatExceptionOfType(MailgunAuthenticationException.class)
				.isThrownBy(() -> client(mock, "wrong-key").send(message().build()).block());

			assertThat(output()).doesNotContain("key-from-env");
		}
	}

	@Test
	void printsEachRequestWithTheStorageKeyOfAcceptedSends() {
		try (MailgunMockServer mock = start()) {
			SendResponse sent = client(mock, mock.apiKey()).send(message().build()).block();
			assertThatExceptionOfType(MailgunAuthenticationException.class)
				.isThrownBy(() -> client(mock, "wrong-key").send(message().build()).block());

			MockMessage message = mock.lastMessage();
			assertThat(sent.id()).isEqualTo(message.id());
			assertThat(output().lines().skip(1)).containsExactly(
					"POST /v3/mg.example.com/messages -> 200 " + message.id() + " storage-key=" + message.storageKey(),
					"POST /v3/mg.example.com/messages -> 401 unauthorized (Forbidden)");
		}
	}

	@Test
	void refusesInvalidSettingsNamingTheVariable() {
		this.environment.put(MailgunMockServerMain.PORT, "eighty");
		assertThatIllegalArgumentException().isThrownBy(this::start).withMessageContaining("MAILGUN_MOCK_PORT");
		this.environment.put(MailgunMockServerMain.PORT, "70000");
		assertThatIllegalArgumentException().isThrownBy(this::start).withMessageContaining("MAILGUN_MOCK_PORT");
		this.environment.put(MailgunMockServerMain.PORT, "0");
		this.environment.put(MailgunMockServerMain.DOMAINS, " , ");
		assertThatIllegalArgumentException().isThrownBy(this::start).withMessageContaining("MAILGUN_MOCK_DOMAINS");
	}

	@Test
	void takesTheWebhookSigningKeyAndAManualClockFromTheEnvironment() {
		this.environment.put(MailgunMockServerMain.WEBHOOK_SIGNING_KEY, "container-signing-key");
		this.environment.put(MailgunMockServerMain.CLOCK, "manual");
		Instant before = Instant.now();
		try (MailgunMockServer mock = start()) {
			assertThat(mock.webhooks().signingKey()).isEqualTo("container-signing-key");
			assertThat(mock.clock().isManual()).isTrue();
			assertThat(mock.clock().now()).isBetween(before, Instant.now());
			assertThat(output()).doesNotContain("container-signing-key");
		}
		this.environment.put(MailgunMockServerMain.CLOCK, "fast");
		assertThatIllegalArgumentException().isThrownBy(this::start).withMessageContaining("MAILGUN_MOCK_CLOCK");
		this.environment.put(MailgunMockServerMain.CLOCK, "System");
		try (MailgunMockServer mock = start()) {
			assertThat(mock.clock().isManual()).isFalse();
		}
	}

	private static MailgunTemplate client(MailgunMockServer mock, String apiKey) {
		return new MailgunTemplate(
				MailgunClientSettings.builder(apiKey, mock.domain()).baseUrl(mock.baseUrl()).build());
	}

	private static MailgunMessage.Builder message() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("alice@example.com").subject("Hi").text("x");
	}

}
