package io.github.springmailgun.autoconfigure.actuatorapp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.BlockingMailgunOperations;
import io.github.springmailgun.error.MailgunBadRequestException;
import io.github.springmailgun.message.MailgunMessage;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an operator sees: /actuator/health with the Mailgun component per domain, and the
 * mailgun.send timer and recipients counter at /actuator/metrics after sends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "mailgun.api-key=key-actuator-secret",
				"mailgun.webhooks.signing-key=whsec-actuator-secret",
				"mailgun.webhooks.parent-signing-key=whsec-parent-actuator-secret",
				"mailgun.webhooks.trust-every-subaccount=true", "mailgun.domain=mg.example.com",
				"mailgun.health.domains=mg.example.com,new.example.com", "mailgun.retry.enabled=false",
				"management.endpoints.web.exposure.include=health,metrics,env,configprops",
				"management.endpoint.health.show-details=always", "management.endpoint.env.show-values=always",
				"management.endpoint.configprops.show-values=always",
				// Values that quote the keys under names that say nothing, as SPRING_APPLICATION_JSON or
				// sun.java.command do.
				"launch.command=java -jar app.jar --mailgun.api-key=key-actuator-secret --server.port=0",
				"launch.json={\"mailgun\":{\"webhooks\":{\"signing-key\":\"whsec-actuator-secret\"}}}" })
class ActuatorApplicationTests {

	static final MockWebServer mailgun = new MockWebServer();

	@LocalServerPort
	int port;

	@Autowired
	BlockingMailgunOperations blocking;

	@DynamicPropertySource
	static void mailgunUrl(DynamicPropertyRegistry registry) throws IOException {
		mailgun.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				String path = request.getUrl().encodedPath();
				MockResponse.Builder json = new MockResponse.Builder().addHeader("Content-Type", "application/json");
				if (path.equals("/v4/domains/mg.example.com")) {
					return json.body(domain("mg.example.com", "active", "valid")).build();
				}
				if (path.equals("/v4/domains/new.example.com")) {
					return json.body(domain("new.example.com", "unverified", "invalid")).build();
				}
				if (path.endsWith("/messages")) {
					if (request.getBody().utf8().contains("reject@example.com")) {
						return json.code(400).body("{\"message\":\"to parameter is not a valid address\"}").build();
					}
					return json.body("{\"id\":\"<9@mg.example.com>\",\"message\":\"Queued. Thank you.\"}").build();
				}
				return json.code(404).body("{\"message\":\"not found\"}").build();
			}
		});
		mailgun.start();
		registry.add("mailgun.base-url", () -> mailgun.url("/").toString());
	}

	static String domain(String name, String state, String validity) {
		return """
				{"domain":{"name":"%s","state":"%s"},"receiving_dns_records":[],
				 "sending_dns_records":[{"record_type":"TXT","name":"%1$s","value":"v=spf1 include:mailgun.org ~all","valid":"%s"}]}
				""".formatted(name, state, validity);
	}

	@AfterAll
	static void stop() {
		mailgun.close();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> get(String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.body()).doesNotContain("key-actuator-secret");
		return JsonMapper.builder().build().readValue(response.body(), Map.class);
	}

	@Test
	@SuppressWarnings("unchecked")
	void healthShowsEachDomain() throws Exception {
		Map<String, Object> health = get("/actuator/health");
		Map<String, Object> component = (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("mailgun");
		assertThat(component).containsEntry("status", "DOWN");
		Map<String, Object> domains = (Map<String, Object>) component.get("components");
		Map<String, Object> active = (Map<String, Object>) domains.get("mg.example.com");
		assertThat(active).containsEntry("status", "UP");
		assertThat((Map<String, Object>) active.get("details")).containsEntry("state", "active")
			.containsEntry("domain", "mg.example.com")
			.containsEntry("region", "US");
		Map<String, Object> unverified = (Map<String, Object>) domains.get("new.example.com");
		assertThat(unverified).containsEntry("status", "DOWN");
		assertThat((Map<String, Object>) unverified.get("details")).containsEntry("state", "unverified")
			.containsEntry("invalidDnsRecords", List.of("TXT new.example.com (invalid)"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void sendsShowAsMetricsByOutcome() throws Exception {
		MailgunMessage message = MailgunMessage.builder().from("a@mg.example.com").to("x@example.com", "y@example.com").text("t").build();
		this.blocking.send(message);
		this.blocking.send(message);
		assertThatThrownBy(() -> this.blocking.send(message.toBuilder().to("reject@example.com").build()))
			.isInstanceOf(MailgunBadRequestException.class);

		Map<String, Object> timer = get("/actuator/metrics/mailgun.send");
		List<Map<String, Object>> tags = (List<Map<String, Object>>) timer.get("availableTags");
		assertThat(tags).anySatisfy(tag -> {
			assertThat(tag).containsEntry("tag", "outcome");
			assertThat((List<String>) tag.get("values")).contains("SUCCESS", "CLIENT_ERROR");
		});
		assertThat(count(get("/actuator/metrics/mailgun.send?tag=outcome:SUCCESS&tag=mailgun.operation:messages")))
			.isEqualTo(2.0);
		assertThat(count(get("/actuator/metrics/mailgun.send?tag=outcome:CLIENT_ERROR&tag=status:400&tag=error:MailgunBadRequestException")))
			.isEqualTo(1.0);
		assertThat(count(get("/actuator/metrics/mailgun.send.recipients?tag=mailgun.domain:mg.example.com")))
			.isEqualTo(4.0);
	}

	@Test
	@SuppressWarnings("unchecked")
	void environmentEndpointMasksTheKey() throws Exception {
		Map<String, Object> property = get("/actuator/env/mailgun.api-key");
		assertThat(property.toString()).contains("******");
		assertThat(get("/actuator/env/mailgun.domain").toString()).contains("mg.example.com");
		assertThat(get("/actuator/configprops/mailgun").toString()).contains("mg.example.com", "******");
	}

	@Test
	void environmentAndConfigpropsMaskTheWebhookSigningKeys() throws Exception {
		for (String path : List.of("/actuator/env/mailgun.webhooks.signing-key",
				"/actuator/env/mailgun.webhooks.parent-signing-key", "/actuator/configprops/mailgun")) {
			String body = get(path).toString();
			assertThat(body).as(path).contains("******").doesNotContain("actuator-secret");
		}
	}

	@Test
	void valuesThatContainAKeyAreMaskedWhateverTheirName() throws Exception {
		for (String path : List.of("/actuator/env/launch.command", "/actuator/env/launch.json", "/actuator/env")) {
			String body = get(path).toString();
			assertThat(body).as(path).doesNotContain("actuator-secret");
		}
		assertThat(get("/actuator/env/launch.command").toString()).contains("******");
		assertThat(get("/actuator/env/mailgun.domain").toString()).contains("mg.example.com");
	}

	@SuppressWarnings("unchecked")
	private static double count(Map<String, Object> metric) {
		List<Map<String, Object>> measurements = (List<Map<String, Object>>) metric.get("measurements");
		return measurements.stream()
			.filter(m -> m.get("statistic").equals("COUNT"))
			.mapToDouble(m -> ((Number) m.get("value")).doubleValue())
			.findFirst()
			.orElseThrow();
	}

}
