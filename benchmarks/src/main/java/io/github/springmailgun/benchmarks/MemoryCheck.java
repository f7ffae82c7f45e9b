package io.github.springmailgun.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import org.jspecify.annotations.Nullable;
import com.mailgun.api.v3.MailgunMessagesApi;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import com.mailgun.client.MailgunClient;
import com.mailgun.model.message.Message;
import feign.Logger;
import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.message.MailgunMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The memory check: 8 concurrent sends of a 20 MB attachment, each client in its own JVM with
 * {@code -Xmx64m}, against a stub that discards what it reads. Reports whether the sends completed, the
 * peak heap in use (sampled every 5 ms, garbage included) and the peak heap still live after a collection.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.springmailgun.benchmarks.MemoryCheck \
 *     [--target http://127.0.0.1:18080] [--clients ours,webclient,sdk] [--heap 64m] [--sends 8] [--megabytes 20]
 * </pre>
 */
public final class MemoryCheck {

	private static final String MARKER = "MEMORY";

	private MemoryCheck() {
	}

	/**
	 * Runs the check.
	 * @param args the options (see the class description)
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		@Nullable String target = null;
		List<String> clients = List.of("ours", "webclient", "sdk");
		String heap = "64m";
		int sends = 8;
		int megabytes = 20;
		@Nullable String child = null;
		@Nullable Path file = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--target" -> target = args[++i];
				case "--clients" -> clients = List.of(args[++i].split(","));
				case "--heap" -> heap = args[++i];
				case "--sends" -> sends = Integer.parseInt(args[++i]);
				case "--megabytes" -> megabytes = Integer.parseInt(args[++i]);
				case "--child" -> child = args[++i];
				case "--file" -> file = Path.of(args[++i]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		if (child != null) {
			System.out.println(MARKER + " " + runChild(child, target, file, sends));
			System.out.flush();
			System.exit(0);
		}
		boolean ok = run(target, clients, heap, sends, megabytes);
		System.exit(ok ? 0 : 1);
	}

	static boolean run(@Nullable String target, List<String> clients, String heap, int sends, int megabytes)
			throws IOException, InterruptedException {
		@Nullable StubServer stub = null;
		if (target == null) {
			stub = StubServer.start(2);
			target = stub.baseUrl();
		}
		Path file = Files.createTempFile("mailgun-memory-check", ".bin");
		try {
			byte[] block = new byte[1024 * 1024];
			try (OutputStream out = Files.newOutputStream(file)) {
				for (int i = 0; i < megabytes; i++) {
					Arrays.fill(block, (byte) ('a' + i % 26));
					out.write(block);
				}
			}
			System.out.printf(Locale.ROOT, "%d concurrent sends of a %d MB attachment, -Xmx%s, stub %s%n", sends,
					megabytes, heap, target);
			System.out.println("| client | completed | peak heap used (sampled every 5 ms) | peak heap live after a GC | GCs | seconds |");
			System.out.println("| --- | --- | ---: | ---: | ---: | ---: |");
			boolean oursOk = true;
			for (String client : clients) {
				ChildProcess.Outcome outcome = ChildProcess.run(List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"),
						MemoryCheck.class, List.of("--child", client, "--target", target, "--file", file.toString(),
								"--sends", Integer.toString(sends)),
						MARKER, client, null, 300);
				String line = outcome.lines().isEmpty()
						? String.format(Locale.ROOT, "| %s | no: %s | | | | |", client,
								outcome.timedOut() ? "timed out" : "JVM exited with " + outcome.exitCode()
										+ (outcome.exitCode() == 3 ? " (OutOfMemoryError)" : ""))
						: outcome.lines().get(0);
				System.out.println(line);
				if (client.equals("ours") && !line.startsWith("| ours | yes")) {
					oursOk = false;
				}
			}
			return oursOk;
		}
		finally {
			Files.deleteIfExists(file);
			if (stub != null) {
				stub.close();
			}
		}
	}

	private static String runChild(String client, String target, Path file, int sends) throws Exception {
		Mono<String> send = sender(client, target, file);
		List<MemoryPoolMXBean> pools = new ArrayList<>();
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pools.add(pool);
				pool.resetPeakUsage();
			}
		}
		AtomicLong sampled = new AtomicLong();
		AtomicLong afterGc = new AtomicLong();
		AtomicLong collections = new AtomicLong();
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			// What survives a collection is what the sends really hold on to; "used" also counts garbage.
			((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
				if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
					GcInfo info = GarbageCollectionNotificationInfo
						.from((CompositeData) notification.getUserData())
						.getGcInfo();
					long live = 0;
					for (MemoryPoolMXBean pool : pools) {
						MemoryUsage usage = info.getMemoryUsageAfterGc().get(pool.getName());
						live += (usage != null) ? usage.getUsed() : 0;
					}
					afterGc.accumulateAndGet(live, Math::max);
					collections.incrementAndGet();
				}
			}, null, null);
		}
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				sampled.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "heap-sampler");
		sampler.setDaemon(true);
		sampler.start();
		long start = System.nanoTime();
		String outcome;
		try {
			List<String> ids = Flux.range(0, sends)
				.flatMap(i -> send.subscribeOn(Schedulers.boundedElastic()), sends)
				.collectList()
				.block(Duration.ofMinutes(4));
			outcome = (ids != null && ids.size() == sends) ? "yes" : "no: " + ids;
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			outcome = "no: " + ex.getClass().getSimpleName();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		sampler.interrupt();
		return String.format(Locale.ROOT, "| %s | %s | %.1f MB | %.1f MB | %d | %.1f |", client, outcome,
				sampled.get() / 1048576.0, afterGc.get() / 1048576.0, collections.get(), seconds);
	}

	private static Mono<String> sender(String client, String target, Path file) {
		switch (client) {
			case "ours" -> {
				MailgunTemplate mailgun = new MailgunTemplate(MailgunClientSettings.builder(Messages.API_KEY, Messages.DOMAIN)
					.baseUrl(target)
					.retry(MailgunRetryPolicy.DISABLED)
					.build());
				return Mono.defer(() -> mailgun.send(MailgunMessage.builder()
					.from(Messages.FROM)
					.to(Messages.TO)
					.subject(Messages.SUBJECT)
					.text(Messages.TEXT)
					.attachment(file)
					.build())).map(response -> response.id());
			}
			case "webclient" -> {
				WebClient webClient = WebClient.builder()
					.baseUrl(target)
					.defaultHeaders(headers -> headers.setBasicAuth("api", Messages.API_KEY))
					.build();
				return Mono.defer(() -> {
					MultipartBodyBuilder parts = new MultipartBodyBuilder();
					parts.part("from", Messages.FROM);
					parts.part("to", Messages.TO);
					parts.part("subject", Messages.SUBJECT);
					parts.part("text", Messages.TEXT);
					parts.part("attachment", new FileSystemResource(file));
					return webClient.post()
						.uri("/v3/{domain}/messages", Messages.DOMAIN)
						.contentType(MediaType.MULTIPART_FORM_DATA)
						.body(BodyInserters.fromMultipartData(parts.build()))
						.retrieve()
						.bodyToMono(SendClient.HandWrittenWebClient.Accepted.class)
						.map(SendClient.HandWrittenWebClient.Accepted::id);
				});
			}
			case "sdk" -> {
				MailgunMessagesApi api = MailgunClient.config(target, Messages.API_KEY)
					.logLevel(Logger.Level.NONE)
					.createApi(MailgunMessagesApi.class);
				return Mono.fromCallable(() -> api.sendMessage(Messages.DOMAIN, Message.builder()
					.from(Messages.FROM)
					.to(Messages.TO)
					.subject(Messages.SUBJECT)
					.text(Messages.TEXT)
					.attachment(file.toFile())
					.build()).getId());
			}
			default -> throw new IllegalArgumentException("unknown client " + client);
		}
	}

}
