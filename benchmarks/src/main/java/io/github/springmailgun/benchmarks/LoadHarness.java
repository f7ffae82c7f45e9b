package io.github.springmailgun.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The load harness: sends for a fixed time at each concurrency to a stub on loopback and prints
 * sends/s, p50/p99 latency, CPU ms and allocated KB per send for each client, with ratios to the
 * hand-written {@code WebClient}. Each client runs in its own JVM (same options, same stub), warms
 * up first, and is measured at steady state.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.springmailgun.benchmarks.LoadHarness \
 *     [--target http://127.0.0.1:18080] [--warmup 30s] [--duration 15s] [--concurrency 1,16,64] \
 *     [--clients ours,webclient,sdk] [--rounds 1] [--jvm-args "-Xmx512m"] [--no-fork]
 * </pre>
 * Without {@code --target} an in-process stub is started (its CPU is left out of the figures).
 */
public final class LoadHarness {

	private static final String RESULT = "RESULT";

	private LoadHarness() {
	}

	/**
	 * Runs the harness.
	 * @param args the options (see the class description)
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		if (options.child != null) {
			runChild(options, System.out);
			return;
		}
		List<Row> rows = run(options, System.out);
		System.out.println();
		System.out.print(table(rows, options));
		long errors = rows.stream().mapToLong(row -> row.result.errors()).sum();
		if (errors > 0) {
			System.exit(1);
		}
	}

	/**
	 * Runs every client and returns the measured rows.
	 * @param options the options
	 * @param out where progress goes
	 * @return the rows, client by client
	 * @throws Exception on failure
	 */
	static List<Row> run(Options options, PrintStream out) throws Exception {
		@Nullable StubServer stub = null;
		@Nullable String target = options.target;
		if (target == null) {
			stub = StubServer.start(options.stubThreads);
			target = stub.baseUrl();
			out.println("In-process stub on " + target + " (" + options.stubThreads + " threads; its CPU is excluded)");
		}
		try {
			List<Row> rows = new ArrayList<>();
			for (int round = 1; round <= options.rounds; round++) {
				if (options.rounds > 1) {
					out.println("Round " + round + " of " + options.rounds);
				}
				for (String client : options.clients) {
					if (options.fork) {
						rows.addAll(fork(options, client, target, out));
					}
					else {
						for (LoadRun.Result result : measure(client, target, options, out)) {
							rows.add(new Row(client, result));
						}
					}
				}
			}
			if (stub != null) {
				out.println("The stub read " + stub.bodyBytes() / 1024 + " KB of request bodies");
			}
			return rows;
		}
		finally {
			if (stub != null) {
				stub.close();
			}
		}
	}

	/** Warms the client up, then measures it at each concurrency. */
	static List<LoadRun.Result> measure(String name, String target, Options options, PrintStream out)
			throws InterruptedException {
		List<LoadRun.Result> results = new ArrayList<>();
		try (SendClient client = SendClient.create(name, target)) {
			int warmupConcurrency = Arrays.stream(options.concurrency).max().orElse(16);
			warmupConcurrency = Math.min(warmupConcurrency, 16);
			if (!options.warmup.isZero()) {
				LoadRun.Result warm = LoadRun.run(client, warmupConcurrency, options.warmup);
				out.printf(Locale.ROOT, "%s: warm-up %ds at concurrency %d: %.0f sends/s, %d errors%n", name,
						options.warmup.toSeconds(), warmupConcurrency, warm.sendsPerSecond(), warm.errors());
				requireSome(name, warm);
			}
			for (int concurrency : options.concurrency) {
				if (!options.settle.isZero()) {
					// Let the pool and the JIT adjust to this concurrency before measuring.
					LoadRun.run(client, concurrency, options.settle);
				}
				LoadRun.Result result = LoadRun.run(client, concurrency, options.duration);
				out.printf(Locale.ROOT, "%s: concurrency %d: %.0f sends/s, p50 %.2f ms, p99 %.2f ms, %.3f CPU ms/send, %d errors%s%n",
						name, concurrency, result.sendsPerSecond(), result.p50Nanos() / 1e6, result.p99Nanos() / 1e6,
						result.cpuMillisPerSend(), result.errors(),
						(result.firstError() != null) ? " (first: " + result.firstError() + ")" : "");
				results.add(result);
			}
			String description = client.describe();
			if (!description.isEmpty()) {
				out.println(name + ": " + description);
			}
		}
		return results;
	}

	private static void requireSome(String name, LoadRun.Result warm) {
		if (warm.sends() == 0) {
			throw new IllegalStateException(name + " completed no send: " + warm.firstError());
		}
	}

	private static void runChild(Options options, PrintStream out) throws InterruptedException {
		for (LoadRun.Result r : measure(options.child, options.target, options, out)) {
			out.println(String.join(" ", RESULT, options.child, Integer.toString(r.concurrency()),
					Long.toString(r.sends()), Long.toString(r.errors()), Long.toString(r.nanos()),
					Long.toString(r.cpuNanos()), Long.toString(r.allocatedBytes()), Long.toString(r.p50Nanos()),
					Long.toString(r.p99Nanos()), (r.firstError() != null) ? r.firstError().replace(' ', '_') : "-"));
		}
		out.flush();
	}

	private static List<Row> fork(Options options, String client, String target, PrintStream out)
			throws IOException, InterruptedException {
		List<String> args = List.of("--child", client, "--target", target, "--warmup", options.warmup.toSeconds() + "s",
				"--settle", options.settle.toSeconds() + "s", "--duration", options.duration.toMillis() + "ms",
				"--concurrency", String.join(",", Arrays.stream(options.concurrency).mapToObj(Integer::toString).toList()));
		long seconds = options.warmup.toSeconds()
				+ (options.settle.toSeconds() + options.duration.toSeconds()) * options.concurrency.length + 180;
		ChildProcess.Outcome outcome = ChildProcess.run(options.jvmArgs, LoadHarness.class, args, RESULT, client, out,
				seconds);
		if (outcome.exitCode() != 0) {
			throw new IllegalStateException("the " + client + " run "
					+ (outcome.timedOut() ? "timed out" : "exited with " + outcome.exitCode()));
		}
		List<Row> rows = new ArrayList<>();
		for (String line : outcome.lines()) {
			String[] f = line.split(" ");
			rows.add(new Row(f[0], new LoadRun.Result(Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
					Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
					Long.parseLong(f[8]), f[9].equals("-") ? null : f[9])));
		}
		return rows;
	}

	/**
	 * Formats the rows as a Markdown table with ratios to the hand-written {@code WebClient} at the same
	 * concurrency.
	 * @param rows the rows
	 * @param options the options the rows were measured with
	 * @return the table
	 */
	static String table(List<Row> rows, Options options) {
		Map<Integer, LoadRun.Result> reference = new LinkedHashMap<>();
		for (Row row : best(rows)) {
			if (row.client.equals("webclient")) {
				reference.put(row.result.concurrency(), row.result);
			}
		}
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%s, %d cores, Java %s; warm-up %ds at concurrency <= 16, then %ds settle and %ds measured per concurrency%s%n",
				LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
				options.warmup.toSeconds(), options.settle.toSeconds(), options.duration.toSeconds(),
				(options.rounds > 1) ? "; best of " + options.rounds + " alternating rounds by sends/s" : ""));
		out.append("| client | concurrency | sends/s | p50 ms | p99 ms | CPU ms/send | KB alloc/send | errors | sends/s vs webclient | CPU/send vs webclient |\n");
		out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		List<Row> ordered = best(rows);
		ordered.sort((a, b) -> (a.result.concurrency() != b.result.concurrency())
				? Integer.compare(a.result.concurrency(), b.result.concurrency())
				: Integer.compare(SendClient.NAMES.indexOf(a.client), SendClient.NAMES.indexOf(b.client)));
		for (Row row : ordered) {
			LoadRun.Result r = row.result;
			LoadRun.Result ref = reference.get(r.concurrency());
			String rate = (ref != null) ? String.format(Locale.ROOT, "%.2f", r.sendsPerSecond() / ref.sendsPerSecond()) : "";
			String cpu = (ref != null) ? String.format(Locale.ROOT, "%.2f", r.cpuMillisPerSend() / ref.cpuMillisPerSend())
					: "";
			out.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %.3f | %.1f | %d | %s | %s |%n",
					row.client, r.concurrency(), r.sendsPerSecond(), r.p50Nanos() / 1e6, r.p99Nanos() / 1e6,
					r.cpuMillisPerSend(), r.kilobytesPerSend(), r.errors(), rate, cpu));
		}
		return out.toString();
	}

	/**
	 * Keeps, per client and concurrency, the round with the most sends/s. Other work on a shared machine
	 * only ever slows a run down, so the best round is the least disturbed one; every client gets the
	 * same treatment.
	 */
	static List<Row> best(List<Row> rows) {
		Map<String, Row> best = new LinkedHashMap<>();
		for (Row row : rows) {
			best.merge(row.client + "@" + row.result.concurrency(), row,
					(a, b) -> (b.result.sendsPerSecond() > a.result.sendsPerSecond()) ? b : a);
		}
		return new ArrayList<>(best.values());
	}

	/**
	 * One measured client at one concurrency.
	 *
	 * @param client the client name
	 * @param result what was measured
	 */
	record Row(String client, LoadRun.Result result) {
	}

	/** The command-line options. */
	static final class Options {

		@Nullable String target;

		Duration warmup = Duration.ofSeconds(30);

		Duration settle = Duration.ofSeconds(3);

		Duration duration = Duration.ofSeconds(15);

		int[] concurrency = { 1, 16, 64 };

		List<String> clients = SendClient.NAMES;

		List<String> jvmArgs = List.of("-Xms512m", "-Xmx512m");

		boolean fork = true;

		int rounds = 1;

		int stubThreads = 1;

		@Nullable String child;

		static Options parse(String... args) {
			Options options = new Options();
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				switch (arg) {
					case "--target" -> options.target = args[++i];
					case "--warmup" -> options.warmup = duration(args[++i]);
					case "--settle" -> options.settle = duration(args[++i]);
					case "--duration" -> options.duration = duration(args[++i]);
					case "--concurrency" -> options.concurrency = Arrays.stream(args[++i].split(","))
						.mapToInt(Integer::parseInt)
						.toArray();
					case "--clients" -> options.clients = List.of(args[++i].split(","));
					case "--jvm-args" -> options.jvmArgs = List.of(args[++i].trim().split("\\s+"));
					case "--no-fork" -> options.fork = false;
					case "--rounds" -> options.rounds = Integer.parseInt(args[++i]);
					case "--stub-threads" -> options.stubThreads = Integer.parseInt(args[++i]);
					case "--child" -> options.child = args[++i];
					default -> throw new IllegalArgumentException("unknown option " + arg);
				}
			}
			for (String client : options.clients) {
				if (!SendClient.NAMES.contains(client)) {
					throw new IllegalArgumentException("unknown client '" + client + "', expected " + SendClient.NAMES);
				}
			}
			return options;
		}

		static Duration duration(String text) {
			String value = text.trim().toLowerCase(Locale.ROOT);
			if (value.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
			}
			if (value.endsWith("s")) {
				return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
			}
			if (value.endsWith("m")) {
				return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
			}
			return Duration.ofSeconds(Long.parseLong(value));
		}

	}

}
