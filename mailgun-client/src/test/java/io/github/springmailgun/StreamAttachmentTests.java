package io.github.springmailgun;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.springmailgun.error.MailgunAttachmentException;
import io.github.springmailgun.error.MailgunTransportException;
import io.github.springmailgun.internal.MultipartBody;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.testing.LoopbackMailgun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Stream attachments: closed however the send ends, and read where blocking is allowed.
 */
class StreamAttachmentTests {

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	@AfterEach
	void stop() {
		this.mailgun.close();
	}

	@Test
	void aStreamIsClosedWhenTheConnectionIsRefused() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		TrackingStream stream = new TrackingStream();
		MailgunTemplate client = new MailgunTemplate(this.mailgun.settings().baseUrl("http://127.0.0.1:" + port).build());

		Throwable failure = catchThrowable(() -> client.send(message(stream)).block(Duration.ofSeconds(10)));

		assertThat(failure).isInstanceOf(MailgunTransportException.class);
		assertThat(stream.closed).as("closed although no body was written").isTrue();
		assertThat(stream.read).isFalse();
	}

	@Test
	void aBodyClosesTheStreamsItNeverReadAndRefusesToReadThemAfterwards() {
		// What a send that is cancelled before its body is written does with its parts.
		TrackingStream stream = new TrackingStream();
		MultipartBody body = MultipartBody.of(List.of(),
				List.of(new MultipartBody.FilePart("attachment", Attachment.of("report.csv", stream, "text/csv"))));

		body.release();

		assertThat(stream.closed).isTrue();
		assertThat(stream.read).isFalse();
		assertThatExceptionOfType(MailgunAttachmentException.class)
			.isThrownBy(() -> Flux.from(body.content(DefaultDataBufferFactory.sharedInstance)).blockLast())
			.withMessageContaining("report.csv");
	}

	@Test
	void aStreamIsReadOffTheEventLoopAndClosedAfterTheSend() {
		TrackingStream stream = new TrackingStream();
		this.mailgun.accept();

		this.mailgun.client().send(message(stream)).block(Duration.ofSeconds(10));

		assertThat(this.mailgun.take().parts()).anyMatch((part) -> "report.csv".equals(part.filename())
			&& new String(part.bytes()).equals("a,b\n1,2\n"));
		assertThat(stream.read).isTrue();
		assertThat(stream.readOnNonBlockingThread).as("read on a Netty event loop").isFalse();
		assertThat(stream.closed).isTrue();
	}

	private static MailgunMessage message(TrackingStream stream) {
		return MailgunMessage.builder()
			.from("shop@mg.example.com")
			.to("alice@example.com")
			.subject("Report")
			.text("Attached")
			.attachment(Attachment.of("report.csv", stream, "text/csv"))
			.build();
	}

	/** Records whether, and on which kind of thread, it was read, and whether it was closed. */
	private static final class TrackingStream extends ByteArrayInputStream {

		volatile boolean read;

		volatile boolean readOnNonBlockingThread;

		volatile boolean closed;

		TrackingStream() {
			super("a,b\n1,2\n".getBytes());
		}

		@Override
		public synchronized int read(byte[] b, int off, int len) {
			this.read = true;
			this.readOnNonBlockingThread |= Schedulers.isInNonBlockingThread();
			return super.read(b, off, len);
		}

		@Override
		public void close() throws IOException {
			this.closed = true;
			super.close();
		}

	}

}
