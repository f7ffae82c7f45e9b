package io.github.springmailgun;

import io.github.springmailgun.testing.LoopbackMailgun;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Base64;
import java.nio.charset.StandardCharsets;

import io.github.springmailgun.error.MailgunApiException;
import io.github.springmailgun.error.MailgunAuthenticationException;
import io.github.springmailgun.error.MailgunBadRequestException;
import io.github.springmailgun.error.MailgunNotFoundException;
import io.github.springmailgun.error.MailgunPayloadTooLargeException;
import io.github.springmailgun.error.MailgunRateLimitException;
import io.github.springmailgun.error.MailgunServerException;
import io.github.springmailgun.error.MailgunTransportException;
import io.github.springmailgun.message.MailgunMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mailgun's error answers become typed exceptions with status, Mailgun's message, method, path and
 * region, and never the key.
 */
class ErrorMappingTests {

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	@AfterEach
	void stop() {
		this.mailgun.close();
	}

	private static MailgunMessage message() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").subject("s").text("t").build();
	}

	private Throwable sendFailure() {
		Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> this.mailgun.client().send(message()).block());
		assertThat(failure).isNotNull();
		String base64Credentials = Base64.getEncoder()
			.encodeToString(("api:" + LoopbackMailgun.API_KEY).getBytes(StandardCharsets.UTF_8));
		assertThat(failure.getMessage()).doesNotContain(LoopbackMailgun.API_KEY).doesNotContain(base64Credentials);
		assertThat(failure.toString()).doesNotContain(LoopbackMailgun.API_KEY);
		return failure;
	}

	@ParameterizedTest
	@CsvSource({ "400, io.github.springmailgun.error.MailgunBadRequestException",
			"401, io.github.springmailgun.error.MailgunAuthenticationException",
			"402, io.github.springmailgun.error.MailgunApiException",
			"403, io.github.springmailgun.error.MailgunAuthenticationException",
			"404, io.github.springmailgun.error.MailgunNotFoundException",
			"413, io.github.springmailgun.error.MailgunPayloadTooLargeException",
			"429, io.github.springmailgun.error.MailgunRateLimitException",
			"500, io.github.springmailgun.error.MailgunServerException",
			"502, io.github.springmailgun.error.MailgunServerException",
			"503, io.github.springmailgun.error.MailgunServerException",
			"504, io.github.springmailgun.error.MailgunServerException" })
	void eachStatusHasItsExceptionType(int status, Class<?> type) {
		this.mailgun.respond(status, "{\"message\":\"reason " + status + "\"}");
		Throwable failure = sendFailure();
		assertThat(failure).isExactlyInstanceOf(type);
		MailgunApiException api = (MailgunApiException) failure;
		assertThat(api.getStatusCode()).isEqualTo(status);
		assertThat(api.getMailgunMessage()).isEqualTo("reason " + status);
		assertThat(api.getMethod()).isEqualTo("POST");
		assertThat(api.getPath()).isEqualTo("/v3/mg.example.com/messages");
		assertThat(api.getRegion()).isEqualTo(MailgunRegion.US);
		assertThat(api.getMessage()).contains("POST /v3/mg.example.com/messages", Integer.toString(status),
				"reason " + status, "region US");
	}

	@Test
	void plainForbiddenOnMessagesSuggestsTheRegion() {
		this.mailgun.respond(401, "Forbidden", "Content-Type", "text/plain");
		assertThat(sendFailure()).isInstanceOfSatisfying(MailgunAuthenticationException.class, ex -> {
			assertThat(ex.getMailgunMessage()).isEqualTo("Forbidden");
			assertThat(ex.getMessage()).contains("mailgun.api-key", "US region", "api.mailgun.net");
		});
	}

	@Test
	void notFoundSuggestsTheOtherRegion() {
		this.mailgun.respond(404, "{\"message\":\"Domain not found\"}");
		assertThat(sendFailure()).isInstanceOfSatisfying(MailgunNotFoundException.class,
				ex -> assertThat(ex.getMessage()).contains("Domain not found", "EU region", "mailgun.region=eu"));
	}

	@Test
	void htmlErrorPageFromAProxyIsSummarisedNotEchoed() {
		this.mailgun.respond(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "Content-Type", "text/html");
		assertThat(sendFailure()).isInstanceOfSatisfying(MailgunServerException.class, ex -> {
			assertThat(ex.getMailgunMessage()).contains("HTML", "proxy").doesNotContain("<h1>");
			assertThat(ex.getStatusCode()).isEqualTo(502);
		});
	}

	@Test
	void rateLimitCarriesTheHintFromTheMessage() {
		this.mailgun.respond(429, "{\"message\":\"Domain mg.example.com is not allowed to send: account-requests-per-sec limit exceeded, try again after 120 seconds\"}");
		assertThat(sendFailure()).isInstanceOfSatisfying(MailgunRateLimitException.class,
				ex -> assertThat(ex.getRetryAfter()).contains(Duration.ofSeconds(120)));
	}

	@Test
	void rateLimitReadsADateWithTheZoneNameUtc() {
		// Mailgun writes "UTC" where RFC 1123 wants "GMT" (reported on mailgun/mailgun-java).
		String when = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ENGLISH)
			.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
		this.mailgun.respond(429, "{\"message\":\"Domain mg.example.com is not allowed to send: "
				+ "account-requests-per-sec limit exceeded, try again after " + when + "\"}");
		assertThat(sendFailure()).isInstanceOfSatisfying(MailgunRateLimitException.class,
				ex -> assertThat(ex.getRetryAfter()).hasValueSatisfying(wait -> assertThat(wait)
					.isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121))));
	}

	@Test
	void status420IsARateLimitWithItsHint() {
		this.mailgun.respond(420, "{\"message\":\"Domain mg.example.com is not allowed to send: "
				+ "account-requests-per-sec limit exceeded, try again after 30 seconds\"}");
		assertThat(sendFailure()).isInstanceOfSatisfying(MailgunRateLimitException.class, ex -> {
			assertThat(ex.getStatusCode()).isEqualTo(420);
			assertThat(ex.getRetryAfter()).contains(Duration.ofSeconds(30));
		});
	}

	@Test
	void rateLimitReadsRetryAfterHeaderAndRetrySeconds() {
		this.mailgun.respond(429, "{\"message\":\"slow down\"}", "Retry-After", "7");
		assertThat(sendFailure()).isInstanceOfSatisfying(MailgunRateLimitException.class,
				ex -> assertThat(ex.getRetryAfter()).contains(Duration.ofSeconds(7)));
		this.mailgun.respond(429, "{\"retry-seconds\": 60}");
		assertThat(sendFailure()).isInstanceOfSatisfying(MailgunRateLimitException.class,
				ex -> assertThat(ex.getRetryAfter()).contains(Duration.ofSeconds(60)));
		this.mailgun.respond(429, "{\"message\":\"no hint\"}");
		assertThat(sendFailure()).isInstanceOfSatisfying(MailgunRateLimitException.class,
				ex -> assertThat(ex.getRetryAfter()).isEmpty());
	}

	@Test
	void successWithoutJsonIsATransportErrorThatMayHaveBeenAccepted() {
		this.mailgun.respond(200, "<html>maintenance</html>", "Content-Type", "text/html");
		assertThat(sendFailure()).isInstanceOfSatisfying(MailgunTransportException.class, ex -> {
			assertThat(ex.isRequestMayHaveReachedMailgun()).isTrue();
			assertThat(ex.getMessage()).contains("not the expected JSON");
		});
	}

	@Test
	void connectionRefusedIsATransportErrorThatNeverReachedMailgun() {
		String baseUrl = this.mailgun.baseUrl();
		this.mailgun.close();
		MailgunTemplate client = new MailgunTemplate(MailgunClientSettings.builder(LoopbackMailgun.API_KEY, "mg.example.com")
			.baseUrl(baseUrl)
			.retry(MailgunRetryPolicy.DISABLED)
			.build());
		assertThatThrownBy(() -> client.send(message()).block()).isInstanceOfSatisfying(MailgunTransportException.class, ex -> {
			assertThat(ex.isRequestMayHaveReachedMailgun()).isFalse();
			assertThat(ex.getMessage()).contains("Could not connect", "/v3/mg.example.com/messages")
				.doesNotContain(LoopbackMailgun.API_KEY);
		});
	}

	@Test
	void unknownHostIsATransportErrorThatNeverReachedMailgun() {
		MailgunTemplate client = new MailgunTemplate(MailgunClientSettings.builder(LoopbackMailgun.API_KEY, "mg.example.com")
			.baseUrl("http://no-such-host.invalid")
			.connectTimeout(Duration.ofSeconds(2))
			.retry(MailgunRetryPolicy.DISABLED)
			.build());
		assertThatThrownBy(() -> client.send(message()).block()).isInstanceOfSatisfying(MailgunTransportException.class,
				ex -> assertThat(ex.isRequestMayHaveReachedMailgun()).isFalse());
	}

	@Test
	void badRequestKeepsMailgunsText() {
		this.mailgun.respond(400, "{\"message\":\"to parameter is not a valid address. please check documentation\"}");
		assertThat(sendFailure()).isInstanceOfSatisfying(MailgunBadRequestException.class,
				ex -> assertThat(ex.getMailgunMessage()).isEqualTo("to parameter is not a valid address. please check documentation"));
	}

	@Test
	void olderErrorShapesAreReadToo() {
		this.mailgun.respond(400, "{\"Reason\":\"webhook already exists\"}");
		assertThat(sendFailure()).isInstanceOfSatisfying(MailgunBadRequestException.class,
				ex -> assertThat(ex.getMailgunMessage()).isEqualTo("webhook already exists"));
		this.mailgun.respond(404, "{\"Description\":\"no such webhook\"}");
		assertThat(sendFailure()).isInstanceOfSatisfying(MailgunNotFoundException.class,
				ex -> assertThat(ex.getMailgunMessage()).isEqualTo("no such webhook"));
	}

	@Test
	void payloadTooLargeExplainsTheLimit() {
		this.mailgun.respond(413, "{\"message\":\"request entity too large\"}");
		assertThat(sendFailure()).isInstanceOfSatisfying(MailgunPayloadTooLargeException.class,
				ex -> assertThat(ex.getMessage()).contains("25 MB"));
	}

}
