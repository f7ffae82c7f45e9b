package io.github.springmailgun.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
/**
 * Runs a main class of this module in a fresh JVM with the same class path, echoing its output and
 * collecting the lines that start with a marker.
 */
final class ChildProcess {

	private ChildProcess() {
	}

	/**
	 * Runs a child JVM to completion.
	 * @param jvmArgs options for the child JVM
	 * @param mainClass the class to run
	 * @param args its arguments
	 * @param marker the prefix of the result lines
	 * @param label what to prefix echoed lines with
	 * @param out where to echo the other lines, or {@code null} to drop them
	 * @param timeoutSeconds how long the child may run
	 * @return the result lines, and the exit code as the last element
	 * @throws IOException when the child cannot start
	 * @throws InterruptedException when interrupted
	 */
	static Outcome run(List<String> jvmArgs, Class<?> mainClass, List<String> args, String marker, String label,
			@Nullable PrintStream out, long timeoutSeconds) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
		command.addAll(jvmArgs);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass.getName());
		command.addAll(args);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> results = new ArrayList<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.startsWith(marker + " ")) {
						synchronized (results) {
							results.add(line.substring(marker.length() + 1));
						}
					}
					else if (out != null) {
						out.println("  [" + label + "] " + line);
					}
				}
			}
			catch (IOException ex) {
				// The child ended.
			}
		}, "child-output");
		reader.setDaemon(true);
		reader.start();
		boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
		if (!ended) {
			process.destroyForcibly().waitFor();
		}
		reader.join(5000);
		synchronized (results) {
			return new Outcome(List.copyOf(results), ended ? process.exitValue() : -1, !ended);
		}
	}

	/**
	 * What a child JVM reported.
	 *
	 * @param lines the result lines, without their marker
	 * @param exitCode the exit code, -1 when it was stopped
	 * @param timedOut whether it ran out of time
	 */
	record Outcome(List<String> lines, int exitCode, boolean timedOut) {
	}

}
