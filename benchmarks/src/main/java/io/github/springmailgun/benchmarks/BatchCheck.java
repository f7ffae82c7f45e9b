package io.github.springmailgun.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.internal.MultipartBody;
import io.github.springmailgun.message.BatchMessage;
import io.github.springmailgun.message.BatchRecipient;
import io.github.springmailgun.message.BatchResult;
import io.github.springmailgun.message.MailgunMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * The batch check: a 100,000-recipient {@code sendBatch} (100 requests of 1,000 with recipient
 * variables, 4 in flight) against the rate of single 1,000-recipient requests at the same concurrency:
 * {@code send} of one pre-built message (what the batch machinery adds), and the same request body,
 * pre-encoded, posted by a bare Reactor Netty client (the transport's ceiling).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.springmailgun.benchmarks.BatchCheck \
 *     [--target http://127.0.0.1:18080] [--warmup 30s] [--measure 60s] [--recipients 100000]
 * </pre>
 */
public final class BatchCheck {

	private static final int CHUNK = 1000;

	private static final int CONCURRENCY = BatchMessage.DEFAULT_CONCURRENCY;

	private BatchCheck() {
	}

	/**
	 * Runs the check.
	 * @param args the options (see the class description)
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		@Nullable String target = null;
		Duration warmup = Duration.ofSeconds(30);
		Duration measure = Duration.ofSeconds(60);
		int recipients = 100_000;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--target" -> target = args[++i];
				case "--warmup" -> warmup = LoadHarness.Options.duration(args[++i]);
				case "--measure" -> measure = LoadHarness.Options.duration(args[++i]);
				case "--recipients" -> recipients = Integer.parseInt(args[++i]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		Report report = run(target, warmup, measure, recipients);
		System.out.print(report.table());
		System.exit(report.failedRecipients() == 0 ? 0 : 1);
	}

	/**
	 * Measures the batch and the baseline.
	 * @param target the stub's base URL, or {@code null} for an in-process stub
	 * @param warmup how long to warm each up
	 * @param measure how long to measure, the three interleaved (at least one round)
	 * @param recipients recipients of the batch
	 * @return the report
	 */
	static Report run(@Nullable String target, Duration warmup, Duration measure, int recipients) {
		StubServer stub = (target == null) ? StubServer.start(1) : null;
		String baseUrl = (stub != null) ? stub.baseUrl() : target;
		try (ConfigurableApplicationContext context = BenchApplication.start(WebApplicationType.NONE, true, baseUrl,
				Map.of())) {
			MailgunOperations mailgun = context.getBean(MailgunOperations.class);
			List<BatchRecipient> people = Messages.batchRecipients(recipients);
			MailgunMessage message = Messages.batchMessage();
			BatchMessage batch = BatchMessage.of(message).recipients(people).build();
			MailgunMessage single = chunkMessage(message, people.subList(0, Math.min(CHUNK, recipients)));
			EncodedChunk chunk = encode(single);
			byte[] body = chunk.bytes();
			String contentType = chunk.contentType();
			HttpClient raw = HttpClient.create().baseUrl(baseUrl);
			AtomicLong failed = new AtomicLong();
			long deadline = System.nanoTime() + warmup.toNanos();
			while (System.nanoTime() < deadline) {
				failed.addAndGet(sendBatch(mailgun, batch));
				failed.addAndGet(sendSingles(mailgun, single, recipients / CHUNK));
				postRaw(raw, body, contentType, recipients / CHUNK);
			}
			// Interleave the three, one batch's worth each in turn, and add up their times: a single batch
			// takes a fraction of a second, far too short to measure alone on a shared machine.
			long batchNanos = 0;
			long singleNanos = 0;
			long rawNanos = 0;
			int rounds = 0;
			long measureUntil = System.nanoTime() + measure.toNanos();
			while (rounds == 0 || System.nanoTime() < measureUntil) {
				long start = System.nanoTime();
				failed.addAndGet(sendBatch(mailgun, batch));
				batchNanos += System.nanoTime() - start;
				start = System.nanoTime();
				failed.addAndGet(sendSingles(mailgun, single, recipients / CHUNK));
				singleNanos += System.nanoTime() - start;
				start = System.nanoTime();
				postRaw(raw, body, contentType, recipients / CHUNK);
				rawNanos += System.nanoTime() - start;
				rounds++;
			}
			double batchRate = (double) recipients * rounds / (batchNanos / 1e9);
			double singleRate = (double) (recipients / CHUNK) * CHUNK * rounds / (singleNanos / 1e9);
			double rawRate = (double) (recipients / CHUNK) * CHUNK * rounds / (rawNanos / 1e9);
			return new Report(recipients, body.length, warmup, rounds, batchRate, singleRate, rawRate, failed.get());
		}
		finally {
			if (stub != null) {
				stub.close();
			}
		}
	}

	/** Builds one 1,000-recipient request as {@code sendBatch} does. */
	private static MailgunMessage chunkMessage(MailgunMessage message, List<BatchRecipient> chunk) {
		List<String> to = new ArrayList<>();
		Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
		for (BatchRecipient recipient : chunk) {
			to.add(recipient.address());
			variables.put(recipient.bareAddress(), recipient.variables());
		}
		return message.toBuilder().to(to).recipientVariables(variables).build();
	}

	/** Encodes a request once, as the client puts it on the wire. */
	private static EncodedChunk encode(MailgunMessage request) {
		MultipartBody body = MultipartBody.of(request.formFields(), List.of());
		DataBuffer joined = DataBufferUtils.join(body.content(DefaultDataBufferFactory.sharedInstance)).block();
		byte[] bytes = new byte[joined.readableByteCount()];
		joined.read(bytes);
		DataBufferUtils.release(joined);
		return new EncodedChunk(bytes, body.contentType().toString());
	}

	/** Sends the same pre-built 1,000-recipient message {@code requests} times, as many in flight as a batch. */
	private static long sendSingles(MailgunOperations mailgun, MailgunMessage single, int requests) {
		List<Boolean> sent = Flux.range(0, requests)
			.flatMap(i -> mailgun.send(single).map(response -> true).onErrorReturn(false), CONCURRENCY)
			.collectList()
			.block(Duration.ofMinutes(5));
		return sent.stream().filter(ok -> !ok).count() * single.recipientCount();
	}

	private record EncodedChunk(byte[] bytes, String contentType) {
	}

	private static long sendBatch(MailgunOperations mailgun, BatchMessage batch) {
		List<BatchResult> results = mailgun.sendBatch(batch).collectList().block(Duration.ofMinutes(5));
		long failed = 0;
		for (BatchResult result : results) {
			if (result.error() != null) {
				failed += result.recipients().size();
			}
		}
		return failed;
	}

	private static void postRaw(HttpClient client, byte[] body, String contentType, int requests) {
		ByteBuf shared = Unpooled.wrappedBuffer(body);
		Flux.range(0, requests)
			.flatMap(i -> client
				.headers(headers -> headers.set(HttpHeaderNames.CONTENT_TYPE, contentType)
					.set(HttpHeaderNames.CONTENT_LENGTH, body.length)
					.set(HttpHeaderNames.AUTHORIZATION, "Basic YXBpOmtleQ=="))
				.post()
				.uri("/v3/" + Messages.DOMAIN + "/messages")
				.send(Mono.just(shared.retainedDuplicate()))
				.responseSingle((response, content) -> {
					if (response.status().code() != 200) {
						return Mono.error(new IllegalStateException("stub answered " + response.status()));
					}
					return content.asString();
				}), CONCURRENCY)
			.blockLast(Duration.ofMinutes(5));
		shared.release();
	}

	private static double median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
	}

	/**
	 * What the check measured.
	 *
	 * @param recipients recipients of the batch
	 * @param chunkBytes the size of one 1,000-recipient request body
	 * @param warmup the warm-up used
	 * @param rounds measured rounds, each one batch, its single sends and its pre-encoded posts
	 * @param batchRate recipients per second through {@code sendBatch}
	 * @param singleRate recipients per second of {@code send} with a pre-built 1,000-recipient message
	 * @param rawRate recipients per second of pre-encoded 1,000-recipient requests
	 * @param failedRecipients recipients whose request failed
	 */
	record Report(int recipients, int chunkBytes, Duration warmup, int rounds, double batchRate, double singleRate,
			double rawRate, long failedRecipients) {

		String table() {
			return String.format(Locale.ROOT,
					"| batch of %,d recipients: %d requests of %,d (%,d bytes each), %d in flight | recipients/s | batch vs this |%n"
							+ "| --- | ---: | ---: |%n"
							+ "| sendBatch, ours (%d interleaved rounds after %ds warm-up) | %,.0f | |%n"
							+ "| send of a pre-built 1,000-recipient message, ours | %,.0f | %.2f |%n"
							+ "| pre-encoded 1,000-recipient body, bare Reactor Netty client (transport ceiling) | %,.0f | %.2f |%n"
							+ "| failed recipients | %d | |%n",
					this.recipients, this.recipients / CHUNK, CHUNK, this.chunkBytes, CONCURRENCY, this.rounds,
					this.warmup.toSeconds(), this.batchRate, this.singleRate, this.batchRate / this.singleRate,
					this.rawRate, this.batchRate / this.rawRate, this.failedRecipients);
		}

	}

}
