package io.github.springmailgun.autoconfigure;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's configuration metadata documents every {@code mailgun.*} property, so IDEs can complete
 * and explain them.
 */
class ConfigurationMetadataTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyPropertyHasADescription() throws Exception {
		Map<String, Object> metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = JsonMapper.builder().build().readValue(in, Map.class);
		}
		List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
		List<String> names = properties.stream().map(p -> (String) p.get("name")).toList();
		assertThat(names).contains("mailgun.api-key", "mailgun.domain", "mailgun.region", "mailgun.base-url",
				"mailgun.default-from", "mailgun.test-mode", "mailgun.connect-timeout", "mailgun.read-timeout",
				"mailgun.retry.enabled", "mailgun.retry.max-attempts", "mailgun.retry.initial-backoff",
				"mailgun.retry.max-backoff", "mailgun.enabled", "management.health.mailgun.enabled",
				"mailgun.webhooks.enabled", "mailgun.webhooks.signing-key", "mailgun.webhooks.parent-signing-key",
				"mailgun.webhooks.trust-every-subaccount", "mailgun.webhooks.path", "mailgun.webhooks.max-age", "mailgun.webhooks.max-future-skew",
				"mailgun.webhooks.replay-cache", "mailgun.webhooks.max-body-size", "mailgun.webhooks.claim-lease");
		for (Map<String, Object> property : properties) {
			String name = (String) property.get("name");
			if (name.startsWith("mailgun.") || name.startsWith("management.health.mailgun")) {
				assertThat((String) property.get("description")).as(name).isNotBlank().endsWith(".");
				assertThat(((String) property.get("description")).charAt(0)).as(name).isUpperCase();
			}
		}
		assertThat(properties).filteredOn(p -> p.get("name").equals("mailgun.region"))
			.singleElement()
			.satisfies(p -> assertThat(p.get("defaultValue")).isEqualTo("us"));
		// The HTTP settings have no default of their own: spring.http.clients.* applies where they are unset.
		assertThat(properties).filteredOn(p -> p.get("name").equals("mailgun.read-timeout"))
			.singleElement()
			.satisfies(p -> {
				assertThat(p.get("defaultValue")).isNull();
				assertThat((String) p.get("description")).contains("'spring.http.clients.read-timeout'", "30s");
			});
		assertThat(properties).filteredOn(p -> p.get("name").equals("mailgun.connect-timeout"))
			.singleElement()
			.satisfies(p -> {
				assertThat(p.get("defaultValue")).isNull();
				assertThat((String) p.get("description")).contains("'spring.http.clients.connect-timeout'", "10s");
			});
		assertThat(properties).filteredOn(p -> p.get("name").equals("mailgun.ssl.bundle"))
			.singleElement()
			.satisfies(p -> assertThat((String) p.get("description")).contains("'spring.http.clients.ssl.bundle'"));
		assertThat(properties).filteredOn(p -> p.get("name").equals("mailgun.webhooks.path"))
			.singleElement()
			.satisfies(p -> assertThat(p.get("defaultValue")).isEqualTo("/mailgun/webhooks"));
		assertThat(properties).filteredOn(p -> p.get("name").equals("mailgun.webhooks.max-body-size"))
			.singleElement()
			.satisfies(p -> assertThat(p.get("defaultValue")).isEqualTo("1MB"));
	}

}
