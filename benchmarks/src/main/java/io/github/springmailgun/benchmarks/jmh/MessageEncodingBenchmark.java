package io.github.springmailgun.benchmarks.jmh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import io.github.springmailgun.benchmarks.Messages;
import io.github.springmailgun.internal.MultipartBody;
import io.github.springmailgun.message.MailgunMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ClientCodecConfigurer;
import org.springframework.http.codec.multipart.MultipartHttpMessageWriter;
import org.springframework.util.MultiValueMap;

/**
 * CPU and allocation of turning a message into request bytes, per send: ours (build and validate the
 * {@link MailgunMessage}, encode it with our {@link MultipartBody}) against what a user writes by hand
 * ({@link MultipartBodyBuilder} written by WebClient's own {@link MultipartHttpMessageWriter}). Both
 * drain every buffer, so the work is complete. Run with {@code -prof gc} for bytes allocated per send.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class MessageEncodingBenchmark {

	private static final int PARAMETERS = 50;

	private static final int RECIPIENTS = 1000;

	/** Which message: {@code plain}, {@code params50} (25 {@code h:} and 25 {@code v:}), {@code batch1000}. */
	@Param({ "plain", "params50", "batch1000" })
	public String shape = "plain";

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private @Nullable MultipartHttpMessageWriter writer;

	private List<String> recipients;

	private Map<String, Map<String, Object>> recipientVariables;

	/** Prepares the inputs a caller would already have: the recipients and their variables. */
	@Setup
	public void setup() {
		this.writer = multipartWriter();
		this.recipients = new ArrayList<>(RECIPIENTS);
		this.recipientVariables = new LinkedHashMap<>();
		for (int i = 0; i < RECIPIENTS; i++) {
			String address = "customer" + i + "@example.com";
			this.recipients.add(address);
			this.recipientVariables.put(address, Map.of("first", "Customer " + i, "id", i));
		}
	}

	/**
	 * Ours: build and validate the message, then encode the multipart body to bytes.
	 * @return the body length, so nothing is optimised away
	 */
	@Benchmark
	public long ours() {
		MailgunMessage.Builder builder = MailgunMessage.builder()
			.from(Messages.FROM)
			.subject(Messages.SUBJECT)
			.text(Messages.TEXT);
		switch (this.shape) {
			case "plain" -> builder.to(Messages.TO);
			case "params50" -> {
				builder.to(Messages.TO);
				for (int i = 0; i < PARAMETERS / 2; i++) {
					builder.header("X-Custom-" + i, "value " + i);
					builder.variable("var" + i, "value " + i);
				}
			}
			case "batch1000" -> builder.to(this.recipients).recipientVariables(this.recipientVariables);
			default -> throw new IllegalStateException(this.shape);
		}
		MailgunMessage message = builder.build().withDefaults(null, false);
		message.requireSendable();
		MultipartBody body = MultipartBody.of(message.formFields(), List.of());
		return drain(Flux.from(body.content(DefaultDataBufferFactory.sharedInstance)));
	}

	/**
	 * The reference: the same fields through {@link MultipartBodyBuilder} and WebClient's multipart writer.
	 * @return the body length
	 */
	@Benchmark
	public long handWritten() {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("from", Messages.FROM);
		parts.part("subject", Messages.SUBJECT);
		parts.part("text", Messages.TEXT);
		switch (this.shape) {
			case "plain" -> parts.part("to", Messages.TO);
			case "params50" -> {
				parts.part("to", Messages.TO);
				for (int i = 0; i < PARAMETERS / 2; i++) {
					parts.part("h:X-Custom-" + i, "value " + i);
					parts.part("v:var" + i, "value " + i);
				}
			}
			case "batch1000" -> {
				for (String recipient : this.recipients) {
					parts.part("to", recipient);
				}
				parts.part("recipient-variables", this.jsonMapper.writeValueAsString(this.recipientVariables));
			}
			default -> throw new IllegalStateException(this.shape);
		}
		DrainingOutputMessage output = new DrainingOutputMessage();
		this.writer.write(Mono.just(parts.build()), ResolvableType.forClass(MultiValueMap.class),
				MediaType.MULTIPART_FORM_DATA, output, Map.of()).block();
		return output.bytes;
	}

	private static long drain(Flux<DataBuffer> content) {
		long[] total = new long[1];
		content.subscribe(buffer -> {
			total[0] += buffer.readableByteCount();
			DataBufferUtils.release(buffer);
		});
		return total[0];
	}

	/** WebClient's multipart writer, with the part writers WebClient's default codecs give it. */
	static MultipartHttpMessageWriter multipartWriter() {
		for (HttpMessageWriter<?> writer : ClientCodecConfigurer.create().getWriters()) {
			if (writer instanceof MultipartHttpMessageWriter multipart) {
				return multipart;
			}
		}
		throw new IllegalStateException("WebClient's codecs have no multipart writer");
	}

	/** An output message that counts and releases what is written, like a connection would. */
	static final class DrainingOutputMessage implements ReactiveHttpOutputMessage {

		private final HttpHeaders headers = new HttpHeaders();

		long bytes;

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public DataBufferFactory bufferFactory() {
			return DefaultDataBufferFactory.sharedInstance;
		}

		@Override
		public void beforeCommit(Supplier<? extends Mono<Void>> action) {
		}

		@Override
		public boolean isCommitted() {
			return false;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return Flux.from(body).doOnNext(buffer -> {
				this.bytes += buffer.readableByteCount();
				DataBufferUtils.release(buffer);
			}).then();
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return writeWith(Flux.from(body).concatMap(Flux::from));
		}

		@Override
		public Mono<Void> setComplete() {
			return Mono.empty();
		}

	}

}
