package io.github.springmailgun.fault;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.error.MailgunUnreadableResponseException;
import io.github.springmailgun.suppression.Bounce;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Once Mailgun has answered 2xx the call is over: a body that does not parse, is too large or stalls is
 * reported with the status, and the call is not made again, even when it is safe to repeat (an upload
 * Mailgun accepted would otherwise be sent two or three times).
 */
class AnsweredSuccessTests {

	private static final MailgunRetryPolicy RETRIES = new MailgunRetryPolicy(true, 3, Duration.ofMillis(10),
			Duration.ofMillis(50), Duration.ofSeconds(10), false);

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	private final MailgunTemplate client = new MailgunTemplate(this.mailgun.settings()
		.retry(RETRIES)
		.readTimeout(Duration.ofMillis(300))
		.build());

	@AfterEach
	void close() {
		this.mailgun.close();
	}

	@Test
	void aCsvImportAnsweredWithANonJsonBodyIsSentOnce() {
		answerEveryRequest(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "text/html")
			.body("<html>Accepted, see you later</html>")
			.build());
		MailgunUnreadableResponseException failure = failsOnce(
				() -> this.client.bounces().importCsv("bounces.csv", "address\nbob@example.com\n".getBytes()));
		assertThat(failure.getStatusCode()).isEqualTo(200);
		assertThat(failure.getBodySummary()).contains("<html>Accepted, see you later</html>");
		assertThat(failure.getMessage()).contains("POST /v3/mg.example.com/bounces/import", "200",
				"<html>Accepted, see you later</html>");
	}

	@Test
	void aBulkSuppressionAddAnsweredWithANonJsonBodyIsSentOnce() {
		answerEveryRequest(new MockResponse.Builder().code(202).addHeader("Content-Type", "text/plain").body("OK").build());
		MailgunUnreadableResponseException failure = failsOnce(
				() -> this.client.bounces().addAll(List.of(Bounce.of("bob@example.com"))).then());
		assertThat(failure.getStatusCode()).isEqualTo(202);
		assertThat(failure.getBodySummary()).startsWith("not the expected JSON (").endsWith("): OK");
	}

	@Test
	void aReadAnsweredWithABodyOverTheCapIsFetchedOnce() {
		Buffer huge = new Buffer();
		byte[] spaces = new byte[1024 * 1024];
		java.util.Arrays.fill(spaces, (byte) ' ');
		for (int i = 0; i < 33; i++) {
			huge.write(spaces);
		}
		answerEveryRequest(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(huge).build());
		// 33 MB take longer than this class's short read timeout to arrive.
		MailgunTemplate patient = new MailgunTemplate(this.mailgun.settings().retry(RETRIES).build());
		MailgunUnreadableResponseException failure = failsOnce(() -> patient.domains().get());
		assertThat(failure.getStatusCode()).isEqualTo(200);
		assertThat(failure.getBodySummary()).isEqualTo("over 33554432 bytes");
	}

	@Test
	void aReadWhoseSuccessfulBodyStallsPastTheReadTimeoutIsFetchedOnce() {
		answerEveryRequest(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"items\":[]}")
			.bodyDelay(3, TimeUnit.SECONDS)
			.build());
		MailgunUnreadableResponseException failure = failsOnce(() -> this.client.bounces().clear());
		assertThat(failure.getStatusCode()).isEqualTo(200);
		assertThat(failure.getBodySummary()).isEqualTo("not read within 300 ms");
		assertThat(failure.getMessage()).contains("DELETE /v3/mg.example.com/bounces");
	}

	private void answerEveryRequest(MockResponse response) {
		this.mailgun.dispatch(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return response;
			}

		});
	}

	/** Runs the call, expects the typed failure, and checks Mailgun saw exactly one request. */
	private MailgunUnreadableResponseException failsOnce(Supplier<Mono<?>> call) {
		Throwable failure = catchThrowable(() -> call.get().block(Duration.ofSeconds(20)));
		this.mailgun.barrier();
		assertThat(this.mailgun.requestCount()).as("requests Mailgun received").isEqualTo(1);
		assertThat(failure).isInstanceOf(MailgunUnreadableResponseException.class);
		assertThat(failure.getMessage()).doesNotContain(LoopbackMailgun.API_KEY);
		MailgunUnreadableResponseException unreadable = (MailgunUnreadableResponseException) failure;
		assertThat(unreadable.isRequestMayHaveReachedMailgun()).isTrue();
		return unreadable;
	}

}
