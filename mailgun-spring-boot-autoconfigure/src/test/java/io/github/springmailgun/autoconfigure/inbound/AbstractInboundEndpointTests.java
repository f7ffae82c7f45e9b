package io.github.springmailgun.autoconfigure.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;

import io.github.springmailgun.autoconfigure.webhook.SignedWebhooks;
import io.github.springmailgun.inbound.InboundAttachment;
import io.github.springmailgun.inbound.InboundHeader;
import io.github.springmailgun.inbound.MailgunInboundMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What Mailgun's routes and an attacker see of the inbound endpoint, over HTTP: real-shaped posts, signed
 * as Mailgun signs them, posted to a running application that keeps Spring Boot's multipart and codec
 * defaults. Run once per web stack by the subclasses.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "mailgun.inbound.path=" + AbstractInboundEndpointTests.PATH,
		"mailgun.inbound.signing-key=" + AbstractInboundEndpointTests.KEY, "mailgun.inbound.max-fields=1000",
		"logging.level.io.github.springmailgun.boot.inbound.MailgunInboundHandler=debug" })
public abstract class AbstractInboundEndpointTests {

	static final String PATH = "/mailgun/inbound";

	static final String KEY = "test-inbound-signing-key-77b0";

	private static final Path TEMP;

	static {
		try {
			TEMP = Files.createTempDirectory("mailgun-inbound-tests");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Autowired
	InboundRecorder recorder;

	@DynamicPropertySource
	static void tempDirectory(DynamicPropertyRegistry registry) {
		registry.add("mailgun.inbound.temp-directory", TEMP::toString);
	}

	@BeforeEach
	void reset() throws IOException {
		this.recorder.reset();
		// A test that failed to delete its files must not fail the next one.
		try (Stream<Path> files = Files.list(TEMP)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
	}

	@Test
	void multipartPostWithAttachmentsAndAnInlineImageIsPublished() throws Exception {
		byte[] pdf = random(2 * 1024 * 1024, 1); // over Boot's 1 MB per file (MVC) and 256 KB per part (WebFlux)
		byte[] png = random(300 * 1024, 2);
		String headers = "[[\"Received\", \"by mxa.mailgun.org\"], [\"Subject\", \"=?UTF-8?B?R3LDvMOfZSDinJM=?=\"],"
				+ " [\"Received\", \"from mail.example.com\"], [\"From\", \"J\\u00fcrgen <j@example.com>\"]]";
		InboundPost post = new InboundPost().field("recipient", "support@mg.example.com")
			.field("sender", "j@example.com")
			.field("from", "Jürgen <j@example.com>")
			.field("subject", "Grüße ✓")
			.field("body-plain", "Hallo,\r\nsiehe Anhang.\r\n-- \r\nJ")
			.field("body-html", "<p>Hallo</p><img src=\"cid:logo@example.com\">")
			.field("stripped-text", "Hallo,")
			.field("stripped-html", "<p>Hallo</p>")
			.field("stripped-signature", "J")
			.field("message-headers", headers)
			.field("content-id-map", "{\"<logo@example.com>\": \"attachment-2\"}")
			.field("attachment-count", "2")
			.file("attachment-1", "../../etc/Rechnung März.pdf", "application/pdf", pdf)
			.file("attachment-2", "logo.png", "image/png", png)
			.signed(KEY, SignedWebhooks.token());

		assertThat(postMultipart(post).statusCode()).isEqualTo(200);

		MailgunInboundMessage message = this.recorder.messages.get(0);
		assertThat(message.recipient()).isEqualTo("support@mg.example.com");
		assertThat(message.sender()).isEqualTo("j@example.com");
		assertThat(message.from()).isEqualTo("Jürgen <j@example.com>");
		assertThat(message.subject()).isEqualTo("Grüße ✓");
		assertThat(message.bodyPlain()).isEqualTo("Hallo,\r\nsiehe Anhang.\r\n-- \r\nJ");
		assertThat(message.bodyHtml()).contains("cid:logo@example.com");
		assertThat(message.strippedText()).isEqualTo("Hallo,");
		assertThat(message.strippedHtml()).isEqualTo("<p>Hallo</p>");
		assertThat(message.strippedSignature()).isEqualTo("J");
		assertThat(message.headers()).containsExactly(new InboundHeader("Received", "by mxa.mailgun.org"),
				new InboundHeader("Subject", "=?UTF-8?B?R3LDvMOfZSDinJM=?="),
				new InboundHeader("Received", "from mail.example.com"), new InboundHeader("From", "Jürgen <j@example.com>"));
		assertThat(message.headers("received")).containsExactly("by mxa.mailgun.org", "from mail.example.com");
		assertThat(message.decodedHeader("subject")).isEqualTo("Grüße ✓");
		assertThat(message.headers().get(1).decodedValue()).isEqualTo("Grüße ✓");
		assertThat(message.attachments()).extracting(InboundAttachment::fileName)
			.containsExactly("../../etc/Rechnung März.pdf", "logo.png");
		assertThat(message.attachments()).extracting(InboundAttachment::size).containsExactly((long) pdf.length,
				(long) png.length);
		assertThat(message.attachments().get(0).contentType()).isEqualTo("application/pdf");
		assertThat(message.attachmentForContentId("cid:logo@example.com")).get()
			.extracting(InboundAttachment::fieldName)
			.isEqualTo("attachment-2");
		assertThat(this.recorder.contents.get(0).get("attachment-1")).isEqualTo(digest(new ByteArrayInputStream(pdf)));
		assertThat(this.recorder.contents.get(0).get("attachment-2")).isEqualTo(png);
		assertThat(message.mime()).isEmpty();
		assertTempFilesGone();
		assertThatIllegalStateException().isThrownBy(() -> message.attachments().get(0).open());
	}

	@Test
	void urlEncodedPostWithoutAttachmentsIsPublished() throws Exception {
		InboundPost post = new InboundPost().field("recipient", "support@mg.example.com")
			.field("subject", "Ça marche? 100% & plus")
			.field("body-plain", "Zeile 1\r\nZeile 2 + ✓")
			.field("message-headers", "[[\"Subject\", \"=?iso-8859-1?Q?=C7a_marche=3F?=\"]]")
			.signed(KEY, SignedWebhooks.token());

		assertThat(postForm(post.urlEncoded()).statusCode()).isEqualTo(200);

		MailgunInboundMessage message = this.recorder.messages.get(0);
		assertThat(message.subject()).isEqualTo("Ça marche? 100% & plus");
		assertThat(message.bodyPlain()).isEqualTo("Zeile 1\r\nZeile 2 + ✓");
		assertThat(message.header("subject")).isEqualTo("=?iso-8859-1?Q?=C7a_marche=3F?=");
		assertThat(message.decodedHeader("subject")).isEqualTo("Ça marche?");
		assertThat(message.attachments()).isEmpty();
		assertThat(message.storedMessageUrl()).isEmpty();
	}

	@Test
	void storeNotifyPostCarriesLinksInsteadOfFiles() throws Exception {
		String stored = "https://storage-us-east4.api.mailgun.net/v3/domains/mg.example.com/messages/BAABAQ";
		InboundPost post = new InboundPost().field("domain", "mg.example.com")
			.field("recipient", "support@mg.example.com")
			.field("subject", "Stored")
			.field("message-url", stored)
			.field("attachments", "[{\"url\": \"" + stored + "/attachments/0\", \"content-type\": \"application/pdf\","
					+ " \"name\": \"invoice.pdf\", \"size\": 48213}]")
			.signed(KEY, SignedWebhooks.token());

		assertThat(postForm(post.urlEncoded()).statusCode()).isEqualTo(200);

		MailgunInboundMessage message = this.recorder.messages.get(0);
		assertThat(message.storedMessageUrl()).hasValue(stored);
		assertThat(message.storedAttachments()).singleElement()
			.satisfies((attachment) -> assertThat(attachment.name()).isEqualTo("invoice.pdf"));
		assertThat(message.attachments()).isEmpty();
	}

	@Test
	void bodyMimePostKeepsTheRawMessage() throws Exception {
		String mime = "From: j@example.com\r\nTo: support@mg.example.com\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n"
				+ "Content-Type: text/plain; charset=UTF-8\r\n\r\nHallo\r\n";
		InboundPost post = new InboundPost().field("recipient", "support@mg.example.com")
			.field("sender", "j@example.com")
			.field("subject", "Grüße")
			.field("body-mime", mime)
			.signed(KEY, SignedWebhooks.token());

		assertThat(postMultipart(post).statusCode()).isEqualTo(200);

		MailgunInboundMessage message = this.recorder.messages.get(0);
		assertThat(message.mime()).isPresent();
		assertThat(message.field("body-mime")).isNull();
		assertThat(new String(this.recorder.contents.get(0).get("body-mime"), StandardCharsets.UTF_8)).isEqualTo(mime);
		assertTempFilesGone();
	}

	@Test
	void missingSignatureIsRejectedWith406() throws Exception {
		InboundPost post = new InboundPost().field("recipient", "support@mg.example.com")
			.file("attachment-1", "a.bin", "application/octet-stream", random(100_000, 3));

		assertThat(postMultipart(post).statusCode()).isEqualTo(406);
		assertThat(this.recorder.messages).isEmpty();
		assertTempFilesGone();
	}

	@Test
	void badSignatureIsRejectedWith406(CapturedOutput output) throws Exception {
		InboundPost post = new InboundPost().field("recipient", "support@mg.example.com")
			.file("attachment-1", "a.bin", "application/octet-stream", random(100_000, 3))
			.signed("not-the-key", SignedWebhooks.token());

		assertThat(postMultipart(post).statusCode()).isEqualTo(406);
		assertThat(this.recorder.messages).isEmpty();
		assertThat(output).contains("mailgun.inbound.signing-key").doesNotContain(KEY);
		assertTempFilesGone();
	}

	@Test
	void replayIsRejectedWith406() throws Exception {
		InboundPost post = new InboundPost().field("recipient", "support@mg.example.com")
			.signed(KEY, SignedWebhooks.token());

		assertThat(postMultipart(post).statusCode()).isEqualTo(200);
		assertThat(postMultipart(post).statusCode()).isEqualTo(406);
		assertThat(this.recorder.messages).hasSize(1);
	}

	@Test
	void twoThousandFieldsAreRejectedWith413(CapturedOutput output) throws Exception {
		InboundPost post = new InboundPost();
		for (int i = 0; i < 2000; i++) {
			post.field("f" + i, "v");
		}
		post.signed(KEY, SignedWebhooks.token());

		assertThat(postForm(post.urlEncoded()).statusCode()).isEqualTo(413);
		assertThat(postMultipart(post).statusCode()).isEqualTo(413);
		assertThat(this.recorder.messages).isEmpty();
		assertThat(output).contains("mailgun.inbound.max-fields");
		assertTempFilesGone();
	}

	@Test
	void declaredLengthOverTheLimitIsRejectedBeforeTheBodyIsRead(CapturedOutput output) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary="
					+ InboundPost.BOUNDARY + "\r\nContent-Length: 1073741824\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			// Not a byte of the body is sent: an answer proves the server did not wait for it.
			String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
			assertThat(status).isEqualTo("HTTP/1.1 413");
		}
		assertThat(output).contains("mailgun.inbound.max-request-size");
	}

	@Test
	void clientGoneMidAttachmentLeavesNoFile(CapturedOutput output) throws Exception {
		long size = 8L * 1024 * 1024;
		InboundPost post = new InboundPost().field("recipient", "support@mg.example.com")
			.file("attachment-1", "big.bin", "application/octet-stream", size, () -> new PatternStream(size))
			.signed(KEY, SignedWebhooks.token());
		try (Socket socket = new Socket("127.0.0.1", this.port); InputStream body = post.multipart()) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary="
					+ InboundPost.BOUNDARY + "\r\nContent-Length: " + post.multipartLength() + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(body.readNBytes(2 * 1024 * 1024));
			out.flush();
			awaitTempFile(true);
		}
		awaitTempFile(false);
		assertThat(this.recorder.messages).isEmpty();
		// The abort is the client's doing: answered quietly, not an ERROR of the web stack's.
		awaitOutput(output, "Mailgun inbound post could not be read (client gone?)");
		assertThat(output).doesNotContain("500 Server Error").doesNotContain("ERROR");
	}

	@Test
	void listenerFailureAnswers500DeletesTheFilesAndLetsMailgunRetry() throws Exception {
		InboundPost post = new InboundPost().field("recipient", "support@mg.example.com")
			.file("attachment-1", "a.bin", "application/octet-stream", random(500_000, 4))
			.signed(KEY, SignedWebhooks.token());
		this.recorder.failing = true;

		assertThat(postMultipart(post).statusCode()).isEqualTo(500);
		assertTempFilesGone();

		this.recorder.failing = false;
		assertThat(postMultipart(post).statusCode()).isEqualTo(200);
		assertThat(this.recorder.messages).hasSize(2);
	}

	@Test
	void retainedMessageKeepsItsFilesUntilClosed() throws Exception {
		byte[] content = random(200_000, 5);
		InboundPost post = new InboundPost().field("recipient", "support@mg.example.com")
			.file("attachment-1", "a.bin", "application/octet-stream", content)
			.signed(KEY, SignedWebhooks.token());
		this.recorder.retaining = true;

		assertThat(postMultipart(post).statusCode()).isEqualTo(200);

		MailgunInboundMessage message = this.recorder.messages.get(0);
		try (InputStream in = message.attachments().get(0).open()) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}
		message.close();
		assertTempFilesGone();
	}

	@Test
	void signatureAfterTwentyMegabytesOfAttachmentsIsVerified() throws Exception {
		long size = 20L * 1024 * 1024;
		InboundPost post = new InboundPost().field("recipient", "support@mg.example.com")
			.file("attachment-1", "big.bin", "application/octet-stream", size, () -> new PatternStream(size))
			.signed(KEY, SignedWebhooks.token());

		assertThat(postMultipart(post).statusCode()).isEqualTo(200);

		assertThat(this.recorder.messages.get(0).attachments().get(0).size()).isEqualTo(size);
		assertThat(this.recorder.contents.get(0).get("attachment-1")).isEqualTo(digest(new PatternStream(size)));
		assertTempFilesGone();
	}

	/**
	 * Run by the {@code small-heap} Surefire execution in a JVM of 64 MB: the attachment never is in memory.
	 */
	@Test
	@Tag("small-heap")
	void twentyFiveMegabyteAttachmentIsReceivedInASmallHeap() throws Exception {
		assertThat(Runtime.getRuntime().maxMemory()).as("heap of this JVM, server included")
			.isLessThanOrEqualTo(64L * 1024 * 1024);
		long size = 25L * 1024 * 1024;
		InboundPost post = new InboundPost().field("recipient", "support@mg.example.com")
			.field("body-html", "<p>" + "x".repeat(1024 * 1024) + "</p>")
			.file("attachment-1", "video.mp4", "video/mp4", size, () -> new PatternStream(size))
			.signed(KEY, SignedWebhooks.token());

		assertThat(postMultipart(post).statusCode()).isEqualTo(200);

		assertThat(this.recorder.messages.get(0).attachments().get(0).size()).isEqualTo(size);
		assertThat(this.recorder.contents.get(0).get("attachment-1")).isEqualTo(digest(new PatternStream(size)));
		assertTempFilesGone();
	}

	private HttpResponse<String> postMultipart(InboundPost post) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri())
			.header("Content-Type", "multipart/form-data; boundary=" + InboundPost.BOUNDARY)
			.POST(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(post::multipart), post.multipartLength()))
			.timeout(Duration.ofSeconds(60))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> postForm(String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri() {
		return URI.create("http://127.0.0.1:" + this.port + PATH);
	}

	private static void awaitTempFile(boolean present) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (true) {
			try (Stream<Path> files = Files.list(TEMP)) {
				if (files.findAny().isPresent() == present) {
					return;
				}
			}
			assertThat(System.nanoTime()).as("temporary file " + (present ? "created" : "deleted")).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static void awaitOutput(CapturedOutput output, String text) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!output.toString().contains(text)) {
			assertThat(System.nanoTime()).as("output containing " + text).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static void assertTempFilesGone() throws IOException {
		try (Stream<Path> files = Files.list(TEMP)) {
			assertThat(files).isEmpty();
		}
	}

	private static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	private static byte[] digest(InputStream in) throws Exception {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		byte[] buffer = new byte[64 * 1024];
		for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
			digest.update(buffer, 0, n);
		}
		return digest.digest();
	}

	/**
	 * Bytes of a repeating pattern that holds line breaks and dashes, as near a boundary as can be.
	 */
	static final class PatternStream extends InputStream {

		private static final byte[] PATTERN = ("\r\n--" + InboundPost.BOUNDARY.substring(0, 20) + "\r\n-x")
			.getBytes(StandardCharsets.US_ASCII);

		private final long size;

		private long position;

		PatternStream(long size) {
			this.size = size;
		}

		@Override
		public int read() {
			return (this.position < this.size) ? PATTERN[(int) (this.position++ % PATTERN.length)] : -1;
		}

		@Override
		public int read(byte[] b, int off, int len) {
			if (this.position >= this.size) {
				return -1;
			}
			int n = (int) Math.min(len, this.size - this.position);
			for (int i = 0; i < n; i++) {
				b[off + i] = PATTERN[(int) (this.position++ % PATTERN.length)];
			}
			return n;
		}

	}

}
