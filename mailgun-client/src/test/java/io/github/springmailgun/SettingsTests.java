package io.github.springmailgun;

import java.time.Duration;

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
			.retry(MailgunRetryPolicy.DISABLED)
			.defaultFrom("a@mg.example.com")
			.testMode(true)
			.build();
		assertThat(settings.toBuilder().build()).isEqualTo(settings);
		assertThat(settings.withDomain("other.example.com").domain()).isEqualTo("other.example.com");
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
	}

}
