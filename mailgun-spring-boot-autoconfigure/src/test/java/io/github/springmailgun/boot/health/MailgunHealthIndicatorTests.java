package io.github.springmailgun.boot.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunRegion;
import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.MailgunTemplate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class MailgunHealthIndicatorTests {

	private static final String KEY = "key-health-secret";

	// Started before each test and closed after it by OkHttp's JUnit extension.
	@StartStop
	private final MockWebServer server = new MockWebServer();

	private MailgunHealthIndicator indicator(Duration timeout, Duration ttl) {
		return indicator(timeout, ttl, Schedulers.parallel());
	}

	private MailgunHealthIndicator indicator(Duration timeout, Duration ttl, Scheduler cacheClock) {
		MailgunTemplate mailgun = new MailgunTemplate(MailgunClientSettings.builder(KEY, "mg.example.com")
			.baseUrl(this.server.url("/").toString())
			.region(MailgunRegion.US)
			.retry(MailgunRetryPolicy.DISABLED)
			.build());
		return new MailgunHealthIndicator(mailgun.domains(), MailgunRegion.US, timeout, ttl, cacheClock);
	}

	private Health check(int status, String body) {
		this.server.enqueue(new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build());
		Health health = indicator(Duration.ofSeconds(2), Duration.ZERO).health().block(Duration.ofSeconds(5));
		assertThat(health.getDetails()).containsEntry("domain", "mg.example.com").containsEntry("region", "US");
		assertThat(health.toString()).doesNotContain(KEY);
		return health;
	}

	@Test
	void activeDomainIsUp() throws Exception {
		Health health = check(200, DomainJson.of("mg.example.com", "active", "valid"));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("state", "active").doesNotContainKey("invalidDnsRecords");
		assertThat(this.server.takeRequest().getUrl().encodedPath()).isEqualTo("/v4/domains/mg.example.com");
	}

	@Test
	@SuppressWarnings("unchecked")
	void unverifiedDomainIsDownWithTheRecordsToFix() {
		Health health = check(200, DomainJson.of("mg.example.com", "unverified", "invalid"));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("state", "unverified");
		assertThat((List<String>) health.getDetails().get("invalidDnsRecords"))
			.containsExactly("TXT mg.example.com (invalid)", "CNAME email.mg.example.com (unknown)");
	}

	@Test
	void disabledDomainIsDown() {
		Health health = check(200, DomainJson.of("mg.example.com", "disabled", "valid"));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("state", "disabled");
	}

	@Test
	void refusedKeyIsUnknownNamingBothCauses() {
		Health health = check(401, "{\"message\":\"Invalid private key\"}");
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat((String) health.getDetails().get("error")).contains("invalid", "domain sending key",
				"account API key");
	}

	@Test
	void keyWithoutDomainReadPermissionIsUnknown() {
		Health health = check(403, "{\"message\":\"Forbidden\"}");
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat((String) health.getDetails().get("error")).contains("may not read domains");
	}

	@Test
	void unknownDomainIsDownWithARegionHint() {
		Health health = check(404, "{\"message\":\"Domain not found\"}");
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat((String) health.getDetails().get("error")).contains("US region", "mailgun.region=eu");
	}

	@Test
	void otherErrorsAreDownWithTheErrorType() {
		Health health = check(500, "{\"message\":\"boom\"}");
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", "MailgunServerException");
	}

	@Test
	void slowMailgunIsUnknownWithinTheTimeout() {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.headersDelay(3, TimeUnit.SECONDS)
			.addHeader("Content-Type", "application/json")
			.body(DomainJson.of("mg.example.com", "active", "valid"))
			.build());
		Health health = indicator(Duration.ofMillis(200), Duration.ZERO).health().block(Duration.ofSeconds(2));
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat((String) health.getDetails().get("error")).contains("did not answer within PT0.2S");
	}

	@Test
	void resultsAreReusedForTheirTimeToLive() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(new MockResponse.Builder().code(200)
				.addHeader("Content-Type", "application/json")
				.body(DomainJson.of("mg.example.com", "active", "valid"))
				.build());
		}
		VirtualTimeScheduler clock = VirtualTimeScheduler.create();
		MailgunHealthIndicator cached = indicator(Duration.ofSeconds(2), Duration.ofMinutes(1), clock);
		assertThat(cached.health().block().getStatus()).isEqualTo(Status.UP);
		clock.advanceTimeBy(Duration.ofSeconds(59));
		assertThat(cached.health().block().getStatus()).isEqualTo(Status.UP);
		assertThat(this.server.getRequestCount()).isEqualTo(1);
		clock.advanceTimeBy(Duration.ofSeconds(2));
		assertThat(cached.health().block().getStatus()).isEqualTo(Status.UP);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void concurrentProbesShareOneCall() {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.headersDelay(300, TimeUnit.MILLISECONDS)
			.addHeader("Content-Type", "application/json")
			.body(DomainJson.of("mg.example.com", "active", "valid"))
			.build());
		MailgunHealthIndicator cached = indicator(Duration.ofSeconds(2), Duration.ofMinutes(1));
		List<Health> results = Flux.range(0, 8).flatMap(i -> cached.health(), 8).collectList().block(Duration.ofSeconds(5));
		assertThat(results).hasSize(8).allMatch(health -> health.getStatus().equals(Status.UP));
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

}
