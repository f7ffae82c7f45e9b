package io.github.springmailgun.benchmarks;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the batch, memory and start-up checks from rotting, on small inputs and the in-process stub.
 * Nothing about time or memory is asserted: only that each check runs to the end.
 */
class ChecksSmokeTests {

	@Test
	void batchCheckSendsEveryRecipient() {
		BatchCheck.Report report = BatchCheck.run(null, Duration.ZERO, Duration.ZERO, 2000);

		assertThat(report.failedRecipients()).isZero();
		assertThat(report.batchRate()).isPositive();
		assertThat(report.singleRate()).isPositive();
		assertThat(report.rawRate()).isPositive();
		assertThat(report.table()).contains("sendBatch, ours");
	}

	@Test
	void memoryCheckCompletesInASmallHeap() throws Exception {
		// A forked JVM with -Xmx64m, two 2 MB sends: the check's machinery, not its figures.
		assertThat(MemoryCheck.run(null, List.of("ours"), "64m", 2, 2)).isTrue();
	}

	@Test
	void startupCheckStartsTheApplicationWithAndWithoutTheStarter() throws Exception {
		String report = StartupCheck.run(0, 1, 0);

		// Bean counts change whenever an auto-configuration is added: check the row's shape, not its figures.
		assertThat(report).contains("| warm, WebFlux server only").containsPattern("\\| \\d+ \\| \\d+ \\| \\+\\d+ \\|");
	}

}
