package io.github.springmailgun;

import io.github.springmailgun.testing.LoopbackMailgun;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.MailgunMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 20 MB attachment goes out with a 64 MB heap: attachments are streamed, not buffered. Runs in its
 * own Surefire execution with {@code -Xmx64m} (tag {@code small-heap}); the server discards what it
 * reads so only the client's memory is measured.
 */
@Tag("small-heap")
class LargeAttachmentSmallHeapTests {

	private static final int SIZE = 20 * 1024 * 1024;

	private HttpServer server;

	private final AtomicLong received = new AtomicLong();

	private final AtomicReference<String> head = new AtomicReference<>();

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", exchange -> {
			byte[] buffer = new byte[64 * 1024];
			long total = 0;
			try (InputStream body = exchange.getRequestBody()) {
				int read;
				while ((read = body.read(buffer)) >= 0) {
					if (total == 0) {
						this.head.set(new String(buffer, 0, Math.min(read, 2048), StandardCharsets.ISO_8859_1));
					}
					total += read;
				}
			}
			this.received.set(total);
			byte[] answer = LoopbackMailgun.ACCEPTED.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	private MailgunTemplate client() {
		return new MailgunTemplate(MailgunClientSettings.builder(LoopbackMailgun.API_KEY, "mg.example.com")
			.baseUrl("http://127.0.0.1:" + this.server.getAddress().getPort())
			.retry(MailgunRetryPolicy.DISABLED)
			.build());
	}

	private static MailgunMessage.Builder message() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").subject("big").text("see attachment");
	}

	@Test
	void heapIsReallySmall() {
		assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(64L * 1024 * 1024);
	}

	@Test
	void twentyMegabyteFileIsStreamed(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("big.bin");
		byte[] block = new byte[1024 * 1024];
		for (int i = 0; i < 20; i++) {
			block[0] = (byte) i;
			Files.write(file, block, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		assertThat(Files.size(file)).isEqualTo(SIZE);

		assertThat(client().send(message().attachment(file).build()).block().id()).isNotBlank();
		assertThat(this.received.get()).isGreaterThan(SIZE);
		assertThat(this.head.get()).contains("filename=\"big.bin\"");
	}

	@Test
	void twentyMegabyteStreamIsStreamed() {
		InputStream generated = new InputStream() {
			private int remaining = SIZE;

			@Override
			public int read() {
				return (this.remaining-- > 0) ? 'x' : -1;
			}

			@Override
			public int read(byte[] b, int off, int len) {
				if (this.remaining <= 0) {
					return -1;
				}
				int n = Math.min(len, this.remaining);
				java.util.Arrays.fill(b, off, off + n, (byte) 'x');
				this.remaining -= n;
				return n;
			}
		};
		assertThat(client().send(message().attachment(Attachment.of("stream.txt", generated, "text/plain")).build())
			.block()
			.id()).isNotBlank();
		assertThat(this.received.get()).isGreaterThan(SIZE);
	}

}
