package io.github.springmailgun.boot.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.springmailgun.autoconfigure.inbound.InboundPost;
import io.github.springmailgun.autoconfigure.webhook.SignedWebhooks;
import io.github.springmailgun.inbound.MailgunInboundMessage;
import io.github.springmailgun.webhook.WebhookSignatureVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class MailgunInboundHandlerTests {

	private static final String KEY = "handler-test-key";

	private static final String MULTIPART = "multipart/form-data; boundary=" + InboundPost.BOUNDARY;

	@TempDir
	Path temp;

	private final List<MailgunInboundMessage> published = new CopyOnWriteArrayList<>();

	private final List<byte[]> contents = new CopyOnWriteArrayList<>();

	private MailgunInboundHandler handler(int maxInFlight) {
		return new MailgunInboundHandler(WebhookSignatureVerifier.builder(KEY).build(), (event) -> {
			MailgunInboundMessage message = (MailgunInboundMessage) event;
			this.published.add(message);
			for (var attachment : message.attachments()) {
				try (InputStream in = attachment.open()) {
					this.contents.add(in.readAllBytes());
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}, new InboundLimits(8 * 1024 * 1024, 50, 64 * 1024, maxInFlight, this.temp));
	}

	@Test
	void multipartReadOneByteAtATimeIsTheSameMessage() throws IOException {
		byte[] content = new byte[200_000];
		new Random(7).nextBytes(content);
		// Bytes that start like the delimiter without being one.
		byte[] lookalike = ("\r\n--" + InboundPost.BOUNDARY.substring(0, 10) + "\r\n--").getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(lookalike, 0, content, 1000, lookalike.length);
		byte[] body = new InboundPost().field("subject", "Grüße")
			.file("attachment-1", "a.bin", "application/octet-stream", content)
			.signed(KEY, SignedWebhooks.token())
			.multipartBytes();

		HttpStatus status = handler(1).handle(new OneByteAtATime(body), MULTIPART, body.length);

		assertThat(status).isEqualTo(HttpStatus.OK);
		assertThat(this.published).singleElement().satisfies((message) -> assertThat(message.subject()).isEqualTo("Grüße"));
		assertThat(this.contents).singleElement().isEqualTo(content);
		assertNoFiles();
	}

	@Test
	void clockBehindMailgunsIs503WithOneWarnAMinute(CapturedOutput output) {
		MailgunInboundHandler handler = handler(1);
		for (int i = 0; i < 3; i++) {
			String timestamp = SignedWebhooks.timestamp(Duration.ofMinutes(10));
			String token = SignedWebhooks.token();
			Map<String, List<String>> fields = Map.of("timestamp", List.of(timestamp), "token", List.of(token),
					"signature", List.of(SignedWebhooks.sign(KEY, timestamp, token)));

			assertThat(handler.handleDecodedForm(fields)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		}
		// Each of Mailgun's retries repeats it until the clock is fixed: the first WARN says what to do.
		assertThat(output.toString().split("this machine's clock is behind Mailgun's", -1)).hasSize(2);
		assertThat(this.published).isEmpty();
	}

	@Test
	void bodyWithoutClosingBoundaryIs400AndLeavesNoFile() throws IOException {
		byte[] body = new InboundPost().file("attachment-1", "a.bin", "application/octet-stream", new byte[100_000])
			.multipartBytes();
		byte[] truncated = java.util.Arrays.copyOf(body, body.length - 40);

		assertThat(handler(1).handle(new ByteArrayInputStream(truncated), MULTIPART, -1))
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertNoFiles();
	}

	@Test
	void clientGoneMidBodyIs400AndLeavesNoFile() throws IOException {
		byte[] body = new InboundPost().file("attachment-1", "a.bin", "application/octet-stream", new byte[300_000])
			.multipartBytes();
		InputStream aborted = new java.io.SequenceInputStream(new ByteArrayInputStream(body, 0, 200_000),
				new InputStream() {
					@Override
					public int read() throws IOException {
						throw new IOException("Connection reset by peer");
					}
				});

		assertThat(handler(1).handle(aborted, MULTIPART, body.length)).isEqualTo(HttpStatus.BAD_REQUEST);
		assertNoFiles();
	}

	@Test
	void textFieldOverItsLimitIs413() throws IOException {
		byte[] body = new InboundPost().field("body-html", "x".repeat(64 * 1024 + 1))
			.signed(KEY, SignedWebhooks.token())
			.multipartBytes();

		assertThat(handler(1).handle(new ByteArrayInputStream(body), MULTIPART, body.length))
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
	}

	@Test
	void bodyOverTheRequestSizeWithoutADeclaredLengthIs413AndLeavesNoFile() throws IOException {
		byte[] body = new InboundPost()
			.file("attachment-1", "a.bin", "application/octet-stream", new byte[9 * 1024 * 1024])
			.signed(KEY, SignedWebhooks.token())
			.multipartBytes();

		assertThat(handler(1).handle(new ByteArrayInputStream(body), MULTIPART, -1))
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		assertNoFiles();
	}

	@Test
	void requestsOverTheInFlightLimitAre503() throws Exception {
		MailgunInboundHandler handler = handler(1);
		CountDownLatch reading = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		byte[] body = new InboundPost().field("recipient", "a@example.com").signed(KEY, SignedWebhooks.token())
			.multipartBytes();
		InputStream slow = new java.io.FilterInputStream(new ByteArrayInputStream(body)) {
			@Override
			public int read(byte[] b, int off, int len) throws IOException {
				reading.countDown();
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return super.read(b, off, len);
			}
		};
		CompletableFuture<HttpStatus> first = CompletableFuture.supplyAsync(() -> handler.handle(slow, MULTIPART, -1));
		assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

		assertThat(handler.handle(new ByteArrayInputStream(body), MULTIPART, -1))
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

		release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(HttpStatus.OK);
	}

	@Test
	void otherContentTypesAre415() {
		assertThat(handler(1).handle(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)),
				"application/json", 2))
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
	}

	@Test
	void malformedMessageHeadersAre400AfterVerificationAndLeaveNoFile() throws IOException {
		byte[] body = new InboundPost().field("message-headers", "[[\"Subject\"]]")
			.file("attachment-1", "a.bin", "application/octet-stream", new byte[10])
			.signed(KEY, SignedWebhooks.token())
			.multipartBytes();

		assertThat(handler(1).handle(new ByteArrayInputStream(body), MULTIPART, body.length))
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertNoFiles();
	}

	private void assertNoFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.temp)) {
			assertThat(files).isEmpty();
		}
	}

	private static final class OneByteAtATime extends ByteArrayInputStream {

		OneByteAtATime(byte[] bytes) {
			super(bytes);
		}

		@Override
		public synchronized int read(byte[] b, int off, int len) {
			return super.read(b, off, Math.min(len, 1));
		}

	}

}
