package io.github.springmailgun;

import java.net.URI;
import java.time.Duration;

import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.testing.LoopbackMailgun;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Settings check their values and never show the key.
 */
class SettingsTests {

	@Test
	void toStringHidesTheKey() {
		MailgunClientSettings settings = MailgunClientSettings.builder("key-supersecret-1234", "mg.example.com")
			.region(MailgunRegion.EU)
			.defaultFrom("a@mg.example.com")
			.build();
		assertThat(settings.toString()).doesNotContain("supersecret")
			.contains("apiKey=******", "mg.example.com", "EU", "https://api.eu.mailgun.net");
	}

	@Test
	void toBuilderKeepsEverything() {
		MailgunClientSettings settings = MailgunClientSettings.builder("k", "mg.example.com")
			.baseUrl("http://127.0.0.1:1234")
			.connectTimeout(Duration.ofSeconds(3))
			.readTimeout(Duration.ofSeconds(4))
			.writeTimeout(Duration.ofSeconds(5))
			.retry(MailgunRetryPolicy.DISABLED)
			.defaultFrom("a@mg.example.com")
			.testMode(true)
			.build();
		assertThat(settings.toBuilder().build()).isEqualTo(settings);
		assertThat(settings.toBuilder().build().writeTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.withDomain("other.example.com").domain()).isEqualTo("other.example.com");
	}

	@Test
	void aTrailingVersionSegmentIsStripped() {
		// How older SDKs and many blog posts write it; kept, it would make every path /v3/v3/... (a 404).
		assertThat(MailgunClientSettings.builder("k", "mg.example.com").baseUrl("https://api.eu.mailgun.net/v3").build()
			.baseUrl()).isEqualTo(URI.create("https://api.eu.mailgun.net"));
		assertThat(MailgunClientSettings.builder("k", "mg.example.com").baseUrl("https://api.mailgun.net/v4/").build()
			.baseUrl()).isEqualTo(URI.create("https://api.mailgun.net"));
		assertThat(MailgunClientSettings.builder("k", "mg.example.com").baseUrl("http://proxy.internal/mailgun/V1").build()
			.baseUrl()).isEqualTo(URI.create("http://proxy.internal/mailgun"));
		// Only a whole last segment of the path: a prefix of a proxy and a host named v3 stay.
		assertThat(MailgunClientSettings.builder("k", "mg.example.com").baseUrl("http://proxy.internal/v3x").build()
			.baseUrl()).isEqualTo(URI.create("http://proxy.internal/v3x"));
		assertThat(MailgunClientSettings.builder("k", "mg.example.com").baseUrl("http://v3:8080/").build().baseUrl())
			.isEqualTo(URI.create("http://v3:8080"));
	}

	@Test
	void aBaseUrlEndingInAVersionReachesTheVersionedPathsOnce() {
		try (LoopbackMailgun mailgun = LoopbackMailgun.start()) {
			mailgun.accept();
			new MailgunTemplate(mailgun.settings().baseUrl(mailgun.baseUrl() + "/v3").build())
				.send(MailgunMessage.builder().from("a@mg.example.com").to("b@example.com").subject("s").text("t").build())
				.block(Duration.ofSeconds(5));
			assertThat(mailgun.takeRequest().getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/messages");
		}
	}

	@Test
	void invalidValuesNameTheProperty() {
		assertThatThrownBy(() -> MailgunClientSettings.builder("", "mg.example.com").build())
			.hasMessageContaining("mailgun.api-key");
		assertThatThrownBy(() -> MailgunClientSettings.builder("k", " ").build()).hasMessageContaining("mailgun.domain");
		assertThatThrownBy(() -> MailgunClientSettings.builder("k", "mg.example.com/x").build())
			.hasMessageContaining("mailgun.domain");
		assertThatThrownBy(() -> MailgunClientSettings.builder("k", "mg.example.com").baseUrl("api.mailgun.net").build())
			.hasMessageContaining("mailgun.base-url");
		assertThatThrownBy(() -> MailgunClientSettings.builder("k", "mg.example.com").readTimeout(Duration.ZERO).build())
			.hasMessageContaining("timeouts must be positive");
		assertThatThrownBy(() -> MailgunClientSettings.builder("k", "mg.example.com").writeTimeout(Duration.ofSeconds(-1)).build())
			.hasMessageContaining("timeouts must be positive");
	}

}
