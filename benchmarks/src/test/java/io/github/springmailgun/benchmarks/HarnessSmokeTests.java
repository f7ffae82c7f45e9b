package io.github.springmailgun.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the harness from rotting: every client sends for about a second at concurrency 2 against the
 * in-process stub and completes sends without errors. No timing is asserted: CI machines are shared.
 */
class HarnessSmokeTests {

	@Test
	void everyClientCompletesSendsWithoutErrors() throws Exception {
		LoadHarness.Options options = LoadHarness.Options.parse("--no-fork", "--warmup", "0s", "--settle", "0s",
				"--duration", "1s", "--concurrency", "2");
		ByteArrayOutputStream progress = new ByteArrayOutputStream();
		List<LoadHarness.Row> rows = LoadHarness.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

		assertThat(rows).extracting(LoadHarness.Row::client).containsExactly("ours", "webclient", "sdk");
		for (LoadHarness.Row row : rows) {
			assertThat(row.result().errors()).as(row.client() + " errors: " + row.result().firstError()).isZero();
			assertThat(row.result().sends()).as(row.client() + " sends").isPositive();
			assertThat(row.result().cpuNanos()).as(row.client() + " CPU time").isPositive();
		}
		String report = progress.toString(StandardCharsets.UTF_8);
		// Ours ran with observations on: its meter registry counted the sends.
		assertThat(report).containsPattern("ours: timers: mailgun.send=[1-9]\\d* http.client.requests=[1-9]");
		assertThat(LoadHarness.table(rows, options)).contains("| ours | 2 |", "| webclient | 2 |", "| sdk | 2 |");
	}

	@Test
	void optionsAreParsed() {
		LoadHarness.Options options = LoadHarness.Options.parse("--target", "http://127.0.0.1:1", "--warmup", "45s",
				"--duration", "500ms", "--concurrency", "1,8", "--clients", "ours,sdk");
		assertThat(options.target).isEqualTo("http://127.0.0.1:1");
		assertThat(options.warmup).isEqualTo(Duration.ofSeconds(45));
		assertThat(options.duration).isEqualTo(Duration.ofMillis(500));
		assertThat(options.concurrency).containsExactly(1, 8);
		assertThat(options.clients).containsExactly("ours", "sdk");
	}

}
