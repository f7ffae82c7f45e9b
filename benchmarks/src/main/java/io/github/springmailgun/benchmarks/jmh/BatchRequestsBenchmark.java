package io.github.springmailgun.benchmarks.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.springmailgun.benchmarks.Messages;
import io.github.springmailgun.internal.MultipartBody;
import io.github.springmailgun.message.BatchMessage;
import io.github.springmailgun.message.MailgunMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CPU and allocation of what {@code sendBatch} does before the network for 10,000 recipients with two
 * variables each (10 requests of 1,000): build each request from the batch and encode its body. Against
 * it, {@code encodePrebuilt}: encoding one already built 1,000-recipient request ten times, what sending
 * a pre-built message costs. The difference is what building a batch's requests adds per recipient.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class BatchRequestsBenchmark {

	private static final int RECIPIENTS = 10_000;

	private BatchMessage batch;

	private MailgunMessage prebuilt;

	/** Prepares the batch as a caller would have it: recipients with their variables. */
	@Setup
	public void setup() {
		this.batch = BatchMessage.of(Messages.batchMessage()).recipients(Messages.batchRecipients(RECIPIENTS)).build();
		this.prebuilt = this.batch.requests(null, false).get(0);
	}

	/**
	 * Builds and encodes every request of the batch.
	 * @return the bytes encoded, so nothing is optimised away
	 */
	@Benchmark
	public long buildAndEncodeBatch() {
		long bytes = 0;
		List<MailgunMessage> requests = this.batch.requests(null, false);
		for (int i = 0; i < requests.size(); i++) {
			bytes += MultipartBody.of(requests.get(i).formFields(), List.of()).contentLength();
		}
		return bytes;
	}

	/**
	 * Encodes one pre-built 1,000-recipient request as many times as the batch has requests.
	 * @return the bytes encoded
	 */
	@Benchmark
	public long encodePrebuilt() {
		long bytes = 0;
		for (int i = 0; i < RECIPIENTS / 1000; i++) {
			bytes += MultipartBody.of(this.prebuilt.formFields(), List.of()).contentLength();
		}
		return bytes;
	}

}
