package io.github.springmailgun;

import java.time.Duration;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.testing.LoopbackMailgun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code .} and {@code ..} are refused as path segments, also percent-encoded: a normalising hop would
 * turn {@code unsubscribes().delete(".")} into {@code DELETE /v3/{domain}/unsubscribes}, clearing the list.
 */
class PathSegmentTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	@AfterEach
	void stop() {
		this.mailgun.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { ".", "..", "%2e", "%2E%2e", ".%2E", "%252e%252e" })
	void dotSegmentsAreRefusedBeforeAnyRequest(String segment) {
		MailgunTemplate client = this.mailgun.client();
		assertRefused("address", () -> client.unsubscribes().delete(segment));
		assertRefused("address", () -> client.bounces().get(segment));
		assertRefused("value", () -> client.allowlist().delete(segment));
		assertRefused("template_name", () -> client.templates().delete(segment));
		assertRefused("tag", () -> client.templates().deleteVersion("welcome", segment));
		assertRefused("storage_key", () -> client.storedMessage(segment));
		assertRefused("storage_key", () -> client.resend(segment, "a@example.com"));
		assertThatThrownBy(() -> client.forDomain(segment))
			.isInstanceOfSatisfying(MailgunValidationException.class, ex -> assertThat(ex.getParameter()).isEqualTo("domain"));
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void keysAreTrimmedBeforeTheCheck() {
		assertRefused("address", () -> this.mailgun.client().unsubscribes().delete(" . "));
		assertRefused("storage_key", () -> this.mailgun.client().storedMessage(" .. "));
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void dotsInsideASegmentAreFine() {
		this.mailgun.respond(200, "{\"message\":\"deleted\",\"address\":\"a..b@example.com\"}");
		this.mailgun.client().unsubscribes().delete("...").block(TIMEOUT);
		assertThat(this.mailgun.take().path()).isEqualTo("/v3/mg.example.com/unsubscribes/...");
	}

	private static void assertRefused(String parameter, java.util.function.Supplier<Mono<?>> call) {
		assertThatThrownBy(() -> call.get().block(TIMEOUT)).as(parameter)
			.isInstanceOfSatisfying(MailgunValidationException.class, ex -> {
				assertThat(ex.getParameter()).isEqualTo(parameter);
				assertThat(ex.getMessage()).contains("path segment");
			});
	}

}
