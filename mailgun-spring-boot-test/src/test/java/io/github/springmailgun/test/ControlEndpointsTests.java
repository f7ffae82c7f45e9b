package io.github.springmailgun.test;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The mock's control over HTTP, as a test drives the container: reset, faults, delays, the accepted
 * messages and the manual clock, under {@code /mock/} and without the API key.
 */
class ControlEndpointsTests {

	private final MailgunMockServer mock = MailgunMockServer.start();

	private final RawHttp http = new RawHttp(this.mock);

	@AfterEach
	void close() {
		this.mock.close();
	}

	private HttpResponse<String> send(String to) {
		return this.http.post(this.http.messagesPath(), "application/x-www-form-urlencoded",
				RawHttp.urlEncoded("from", "Shop <shop@mg.example.com>", "to", to, "subject", "Your order", "text",
						"It ships today.", "o:tag", "orders")
					.getBytes(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> control(String path, String json) {
		return this.http.post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), null);
	}

	private static Map<String, Object> json(HttpResponse<String> response) {
		return MockJson.readObject(response.body());
	}

	@Test
	void resetForgetsMessagesFaultsAndSuppressionsWithoutTheKey() {
		assertThat(send("alice@example.com").statusCode()).isEqualTo(200);
		this.mock.failNext(3, MockFault.serverError());
		this.mock.suppressions().addBounce(this.mock.domain(), "gone@example.com");

		HttpResponse<String> reset = control("/mock/reset", "");

		assertThat(reset.statusCode()).isEqualTo(200);
		assertThat(json(reset)).containsEntry("message", "Mock reset");
		assertThat(this.mock.sentMessages()).isEmpty();
		assertThat(this.mock.suppressions().isSuppressed(this.mock.domain(), "gone@example.com")).isFalse();
		assertThat(send("alice@example.com").statusCode()).isEqualTo(200);
	}

	@Test
	void aStatusFaultAnswersTheNextRequestsThenTheMockAnswersNormally() {
		HttpResponse<String> queued = control("/mock/faults",
				"{\"status\": 503, \"message\": \"Down for maintenance\", \"count\": 2}");

		assertThat(queued.statusCode()).isEqualTo(200);
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> faulted = send("alice@example.com");
			assertThat(faulted.statusCode()).isEqualTo(503);
			assertThat(json(faulted)).containsEntry("message", "Down for maintenance");
		}
		assertThat(send("alice@example.com").statusCode()).isEqualTo(200);
		assertThat(this.mock.sentMessages()).hasSize(1);
	}

	@Test
	void aRateLimitFaultAsksToWaitAsMailgunWritesIt() {
		control("/mock/faults", "{\"status\": 429, \"retryAfter\": \"PT2S\"}");

		HttpResponse<String> limited = send("alice@example.com");

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(json(limited).get("message")).asString()
			.isEqualTo("Domain mg.example.com is not allowed to send: account-requests-per-sec limit exceeded, "
					+ "try again after 2 seconds");
	}

	@Test
	void aFaultWrittenInFullKeepsBodyHeadersAndTheComputedResetHeader() {
		Instant before = Instant.now();
		control("/mock/faults", "{\"status\": 429, \"contentType\": \"text/plain\", \"body\": \"slow down on {domain}\","
				+ " \"headers\": {\"Retry-After\": \"3\"}, \"retryAfter\": \"PT3S\", \"rateLimitResetHeader\": true}");

		HttpResponse<String> limited = send("alice@example.com");

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("text/plain"));
		assertThat(limited.body()).isEqualTo("slow down on mg.example.com");
		assertThat(limited.headers().firstValue("Retry-After")).contains("3");
		double reset = Double.parseDouble(limited.headers().firstValue("X-RateLimit-Reset").orElseThrow());
		assertThat(reset).isGreaterThanOrEqualTo(before.getEpochSecond() + 3);
	}

	@Test
	void aDisconnectFaultDropsTheConnection() {
		control("/mock/faults", "{\"disconnect\": true}");

		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> send("alice@example.com"));
		assertThat(this.mock.sentMessages()).isEmpty();
		assertThat(send("alice@example.com").statusCode()).isEqualTo(200);
	}

	@Test
	void refusesFaultsItCannotBuild() {
		assertThat(control("/mock/faults", "{\"status\": 700, \"message\": \"x\"}").statusCode()).isEqualTo(400);
		assertThat(control("/mock/faults", "{\"message\": \"no status\"}").statusCode()).isEqualTo(400);
		assertThat(control("/mock/faults", "{\"status\": 503}").statusCode()).isEqualTo(400);
		assertThat(control("/mock/faults", "{\"status\": 503, \"message\": \"x\", \"count\": 0}").statusCode())
			.isEqualTo(400);
		HttpResponse<String> badDuration = control("/mock/faults", "{\"status\": 429, \"retryAfter\": \"2 seconds\"}");
		assertThat(badDuration.statusCode()).isEqualTo(400);
		assertThat(json(badDuration).get("message")).asString().contains("retryAfter");
		assertThat(control("/mock/faults", "not json").statusCode()).isEqualTo(400);
		assertThat(send("alice@example.com").statusCode()).isEqualTo(200);
	}

	@Test
	void aDelayHoldsTheAnswerAfterTheMessageWasAccepted() {
		assertThat(control("/mock/delays", "{\"count\": 1, \"delay\": \"PT0.4S\"}").statusCode()).isEqualTo(200);

		long start = System.nanoTime();
		assertThat(send("alice@example.com").statusCode()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));

		start = System.nanoTime();
		assertThat(send("alice@example.com").statusCode()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
		assertThat(control("/mock/delays", "{\"delay\": \"PT-1S\"}").statusCode()).isEqualTo(400);
	}

	@Test
	void listsTheAcceptedMessagesWithTheirStorageKeys() {
		HttpResponse<String> sent = send("alice@example.com");
		String id = String.valueOf(json(sent).get("id"));

		HttpResponse<String> listed = this.http.get("/mock/messages", null);

		assertThat(listed.statusCode()).isEqualTo(200);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> items = (List<Map<String, Object>>) json(listed).get("items");
		MockMessage message = this.mock.lastMessage();
		assertThat(items).singleElement().satisfies(item -> {
			assertThat(item).containsEntry("id", id)
				.containsEntry("storage-key", message.storageKey())
				.containsEntry("domain", "mg.example.com")
				.containsEntry("from", "Shop <shop@mg.example.com>")
				.containsEntry("to", List.of("alice@example.com"))
				.containsEntry("subject", "Your order")
				.containsEntry("tags", List.of("orders"));
		});
	}

	@Test
	void advancesAManualClockAndRefusesTheSystemClock() {
		HttpResponse<String> refused = control("/mock/clock/advance", "{\"duration\": \"PT5M\"}");
		assertThat(refused.statusCode()).isEqualTo(409);

		MockClock clock = MockClock.manual(Instant.parse("2026-01-01T00:00:00Z"));
		try (MailgunMockServer manual = MailgunMockServer.builder().clock(clock).start()) {
			RawHttp manualHttp = new RawHttp(manual);
			manualHttp.post(manualHttp.messagesPath(), "application/x-www-form-urlencoded",
					RawHttp.urlEncoded("from", "shop@mg.example.com", "to", "alice@example.com", "text", "Hi")
						.getBytes(StandardCharsets.UTF_8));
			assertThat(manual.events().all()).extracting(MockEvent::event).containsExactly("accepted");

			HttpResponse<String> advanced = manualHttp.post("/mock/clock/advance", "application/json",
					"{\"duration\": \"PT5M\"}".getBytes(StandardCharsets.UTF_8), null);

			assertThat(advanced.statusCode()).isEqualTo(200);
			assertThat(json(advanced)).containsEntry("now", "2026-01-01T00:05:00Z");
			assertThat(clock.now()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
			assertThat(manual.events().all()).extracting(MockEvent::event).containsExactly("accepted", "delivered");
			assertThat(manualHttp.post("/mock/clock/advance", "application/json",
					"{\"duration\": \"-PT1M\"}".getBytes(StandardCharsets.UTF_8), null).statusCode()).isEqualTo(400);
		}
	}

	@Test
	void controlNeitherNeedsTheKeyNorDrawsFaults() {
		this.mock.failNext(1, MockFault.serviceUnavailable());

		assertThat(this.http.get("/mock/messages", RawHttp.basic("api", "wrong")).statusCode()).isEqualTo(200);
		assertThat(control("/mock/delays", "{\"count\": 1, \"delay\": \"PT0S\"}").statusCode()).isEqualTo(200);

		assertThat(send("alice@example.com").statusCode()).isEqualTo(503);
	}

}
