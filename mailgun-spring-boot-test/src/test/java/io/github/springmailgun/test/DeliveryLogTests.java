package io.github.springmailgun.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Waiting for the mock's posts: a test fails naming what was made, the outbox page shows what there is.
 */
class DeliveryLogTests {

	private final DeliveryLog<String> log = new DeliveryLog<>("inbound post");

	@Test
	void awaitFailsNamingThePostsMade() {
		this.log.record("first");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.log.await(2, Duration.ofMillis(20)))
			.withMessage("Expected 2 inbound posts within 20 ms, but the Mailgun mock made [first]");
	}

	@Test
	void waitForReturnsWhatThereIsWhenTheTimeIsUp() {
		this.log.record("first");
		assertThat(this.log.waitFor(2, Duration.ofMillis(20))).containsExactly("first");
		this.log.record("second");
		assertThat(this.log.waitFor(2, Duration.ofSeconds(5))).containsExactly("first", "second");
	}

}
