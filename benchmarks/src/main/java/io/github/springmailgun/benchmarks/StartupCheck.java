package io.github.springmailgun.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

/**
 * The start-up check: what the starter adds to a minimal WebFlux application (WebClient and actuator
 * on the class path), measured with and without its auto-configurations in the same run. Cold starts
 * (a fresh JVM each, what a deployment pays, class loading included), alternating with and without,
 * of a WebFlux server alone and of one that also builds a {@code WebClient}; and warm starts, repeated
 * in one JVM (the configuration work alone).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.springmailgun.benchmarks.StartupCheck [--cold 10] [--warm 20]
 * </pre>
 */
public final class StartupCheck {

	private static final String MARKER = "STARTUP";

	private static final String NO_BASE_URL = "http://127.0.0.1:9";

	private StartupCheck() {
	}

	/**
	 * Runs the check.
	 * @param args the options (see the class description)
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		int cold = 10;
		int warm = 20;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--cold" -> cold = Integer.parseInt(args[++i]);
				case "--warm" -> warm = Integer.parseInt(args[++i]);
				case "--explain" -> {
					System.out.print(explain());
					return;
				}
				case "--child" -> {
					boolean with = Boolean.parseBoolean(args[++i]);
					boolean usesWebClient = Boolean.parseBoolean(args[++i]);
					Sample sample = startOnce(with, usesWebClient);
					System.out.println(MARKER + " " + sample.nanos() + " " + sample.beans() + " "
							+ ManagementFactory.getRuntimeMXBean().getUptime());
					System.out.flush();
					System.exit(0);
				}
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		System.out.print(run(cold, warm, 5));
	}

	/**
	 * Runs both measurements and returns the report.
	 * @param cold fresh JVMs per variant
	 * @param warm measured starts per variant in this JVM
	 * @param warmups unmeasured starts per variant in this JVM before those
	 * @return the report, a Markdown table
	 * @throws Exception on failure
	 */
	static String run(int cold, int warm, int warmups) throws Exception {
		StringBuilder out = new StringBuilder();
		out.append("| start-up of a minimal WebFlux app | runs | without starter | with starter | added | beans without | beans with | added |\n");
		out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		if (cold > 0) {
			for (boolean usesWebClient : new boolean[] { false, true }) {
				long[][] nanos = new long[2][cold];
				int[] beans = new int[2];
				for (int i = 0; i < cold; i++) {
					// Alternate, so drift in machine load hits both variants alike.
					for (int variant : (i % 2 == 0) ? new int[] { 0, 1 } : new int[] { 1, 0 }) {
						ChildProcess.Outcome outcome = ChildProcess.run(List.of("-Xmx256m"), StartupCheck.class,
								List.of("--child", Boolean.toString(variant == 1), Boolean.toString(usesWebClient)),
								MARKER, "startup", System.err, 120);
						if (outcome.lines().isEmpty()) {
							throw new IllegalStateException("start-up child failed with exit code " + outcome.exitCode());
						}
						String[] fields = outcome.lines().get(0).split(" ");
						nanos[variant][i] = Long.parseLong(fields[0]);
						beans[variant] = Integer.parseInt(fields[1]);
					}
				}
				row(out, usesWebClient ? "cold, app already uses a WebClient (fresh JVM each)"
						: "cold, WebFlux server only (fresh JVM each)", cold, nanos, beans);
			}
		}
		if (warm > 0) {
			int rounds = warm + warmups;
			long[][] nanos = new long[2][warm];
			int[] beans = new int[2];
			for (int i = 0; i < rounds; i++) {
				for (int variant : (i % 2 == 0) ? new int[] { 0, 1 } : new int[] { 1, 0 }) {
					Sample sample = startOnce(variant == 1, false);
					beans[variant] = sample.beans();
					if (i >= warmups) {
						nanos[variant][i - warmups] = sample.nanos();
					}
				}
			}
			row(out, "warm, WebFlux server only (same JVM, after " + warmups + " starts each)", warm, nanos, beans);
		}
		return out.toString();
	}

	/**
	 * Starts the application once with the starter, in this JVM (run it fresh for cold figures), and
	 * lists the slowest bean creations, the starter's first.
	 * @return the report
	 */
	static String explain() {
		BufferingApplicationStartup startup = new BufferingApplicationStartup(20_000);
		startup.addFilter(step -> step.getName().equals("spring.beans.instantiate"));
		long start = System.nanoTime();
		try (ConfigurableApplicationContext context = BenchApplication.start(WebApplicationType.REACTIVE, true,
				NO_BASE_URL, Map.of(), startup)) {
			long total = System.nanoTime() - start;
			List<String> lines = new ArrayList<>();
			for (StartupTimeline.TimelineEvent event : startup.getBufferedTimeline().getEvents()) {
				@Nullable String bean = null;
				for (StartupStep.Tag tag : event.getStartupStep().getTags()) {
					if (tag.getKey().equals("beanName")) {
						bean = tag.getValue();
					}
				}
				lines.add(String.format(Locale.ROOT, "%8.1f ms  %s", event.getDuration().toNanos() / 1e6, bean));
			}
			lines.sort(Comparator.reverseOrder());
			StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "started in %.0f ms%n", total / 1e6));
			out.append("beans of the starter (creation time includes the beans each one needs):\n");
			lines.stream().filter(line -> line.toLowerCase(Locale.ROOT).contains("mailgun")).forEach(line -> out.append(line).append('\n'));
			out.append("slowest beans overall:\n");
			lines.stream().limit(15).forEach(line -> out.append(line).append('\n'));
			return out.toString();
		}
	}

	private static void row(StringBuilder out, String label, int runs, long[][] nanos, int[] beans) {
		double without = median(nanos[0]) / 1e6;
		double with = median(nanos[1]) / 1e6;
		out.append(String.format(Locale.ROOT, "| %s | %d | %.0f ms | %.0f ms | %+.0f ms | %d | %d | %+d |%n", label, runs,
				without, with, with - without, beans[0], beans[1], beans[1] - beans[0]));
	}

	private static double median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
	}

	private static Sample startOnce(boolean withMailgun, boolean usesWebClient) {
		long start = System.nanoTime();
		try (ConfigurableApplicationContext context = BenchApplication.start(WebApplicationType.REACTIVE, withMailgun,
				NO_BASE_URL, Map.of(BenchApplication.USES_WEB_CLIENT, Boolean.toString(usesWebClient)))) {
			long nanos = System.nanoTime() - start;
			return new Sample(nanos, context.getBeanDefinitionCount());
		}
	}

	private record Sample(long nanos, int beans) {
	}

}
