package io.github.springmailgun.benchmarks;

import io.github.springmailgun.benchmarks.jmh.MessageEncodingBenchmark;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls each JMH benchmark method once, directly (not through the JMH runner), so a change that breaks
 * them fails the build. Both sides must produce a body of about the same size: the same fields.
 */
class MessageEncodingBenchmarkSmokeTests {

	@ParameterizedTest
	@ValueSource(strings = { "plain", "params50", "batch1000" })
	void bothSidesEncodeTheSameFields(String shape) {
		MessageEncodingBenchmark benchmark = new MessageEncodingBenchmark();
		benchmark.shape = shape;
		benchmark.setup();

		long ours = benchmark.ours();
		long handWritten = benchmark.handWritten();

		assertThat(ours).isPositive();
		// Spring's framing adds a Content-Type and Content-Length line per part; ours does not.
		assertThat(handWritten).isBetween(ours, ours * 2);
	}

}
