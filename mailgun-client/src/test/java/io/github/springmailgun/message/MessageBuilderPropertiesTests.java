package io.github.springmailgun.message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.MultipartBody;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import okhttp3.MultipartReader;
import okio.Buffer;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a caller passes, the builder either refuses it with a validation error naming the parameter,
 * or produces a request that an independent multipart parser reads back exactly. Never a malformed
 * request, never an unchecked exception from inside the library.
 */
class MessageBuilderPropertiesTests {

	@Provide
	Arbitrary<String> hostile() {
		Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(200);
		Arbitrary<String> injections = Arbitraries.of("x\r\nBcc: victim@example.com", "\r\n\r\n--boundary--",
				"a\u0000b", "\"quoted\"", "line\nbreak", "😀 emoji", "é\u0301", "\uD800", "--mailgun-boundary\r\n",
				"Content-Disposition: form-data; name=\"to\"", "x".repeat(20_000), "", " ", "\t");
		return Arbitraries.oneOf(any, injections, Arbitraries.strings().alpha().numeric().withChars("@.<>\" ,-+_")
			.ofMaxLength(60));
	}

	@Property(tries = 400)
	void subjectTextTagHeaderAndVariable(@ForAll("hostile") String subject, @ForAll("hostile") String text,
			@ForAll("hostile") String tag, @ForAll("hostile") String headerValue, @ForAll("hostile") String variable)
			throws IOException {
		MailgunMessage.Builder builder = MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com");
		List<String> failedParameters = new ArrayList<>();
		apply(failedParameters, () -> builder.subject(subject));
		apply(failedParameters, () -> builder.text(text));
		apply(failedParameters, () -> builder.tag(tag));
		apply(failedParameters, () -> builder.header("X-Custom", headerValue));
		apply(failedParameters, () -> builder.variable("custom", variable));
		MailgunMessage message;
		try {
			message = builder.build();
		}
		catch (MailgunValidationException ex) {
			assertThat(ex.getParameter()).isNotBlank();
			return;
		}
		assertRoundTrip(message);
		if (!failedParameters.contains("subject")) {
			assertThat(subject).doesNotContain("\r", "\n", "\u0000");
		}
		if (!failedParameters.contains("h:X-Custom")) {
			assertThat(headerValue).doesNotContain("\r", "\n");
		}
	}

	@Property(tries = 400)
	void addressesAreAcceptedOnlyWhenWellFormed(@ForAll("hostile") String address) throws IOException {
		MailgunMessage.Builder builder = MailgunMessage.builder().from("shop@mg.example.com").text("t");
		try {
			builder.to(address);
		}
		catch (MailgunValidationException ex) {
			assertThat(ex.getParameter()).isEqualTo("to");
			assertThat(ex.getMessage()).contains("'to'");
			return;
		}
		assertThat(address).contains("@").doesNotContain("\r", "\n");
		assertRoundTrip(builder.build());
	}

	@Property(tries = 200)
	void headerAndVariableNames(@ForAll("hostile") String name) throws IOException {
		MailgunMessage.Builder builder = MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").text("t");
		MailgunMessage message;
		try {
			message = builder.header(name, "v").variable(name, "v").build();
		}
		catch (MailgunValidationException ex) {
			assertThat(ex.getParameter()).matches("[hv]:.*|o:/h:/v:/t:");
			return;
		}
		assertThat(name).matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
		assertRoundTrip(message);
	}

	@Property(tries = 200)
	void attachmentFileNames(@ForAll("hostile") String filename) throws IOException {
		MailgunMessage.Builder builder = MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").text("t");
		try {
			builder.attachment(Attachment.of(filename, new byte[] { 1, 2, 3 }, "application/octet-stream"));
		}
		catch (MailgunValidationException ex) {
			assertThat(ex.getParameter()).isEqualTo("attachment");
			return;
		}
		List<String[]> parts = decode(builder.build());
		String[] file = parts.get(parts.size() - 1);
		assertThat(file[0]).isEqualTo("attachment");
		assertThat(file[2]).doesNotContain("\r", "\n");
		assertThat(file[1]).isEqualTo("\u0001\u0002\u0003");
	}

	@Provide
	Arbitrary<String> contentTypes() {
		Arbitrary<String> quoted = hostile().map(value -> "text/plain; name=\"" + value + "\"");
		Arbitrary<String> crafted = Arbitraries.of("text/plain; name=\"x\r\nX-Injected: 1\r\n\r\nPREFIX\"",
				"text/plain\r\nX-Injected: 1", "text/plain; a=b\u0000", "text/plain;\tcharset=utf-8", "text/", "/plain",
				"not a type", " TEXT/Plain ; charset=\"UTF-8\" ", "application/pdf", "multipart/mixed; boundary=\"--x\"");
		return Arbitraries.oneOf(hostile(), quoted, crafted);
	}

	/** A content type is a part header: refused, or written as parsed and never adding a header line. */
	@Property(tries = 400)
	void attachmentContentTypes(@ForAll("contentTypes") String contentType) throws IOException {
		Attachment attachment;
		try {
			attachment = Attachment.of("report.txt", new byte[] { 1, 2, 3 }, contentType);
		}
		catch (MailgunValidationException ex) {
			assertThat(ex.getParameter()).isEqualTo("attachment");
			assertThat(ex.getMessage()).contains("report.txt");
			return;
		}
		assertThat(contentType).doesNotContain("\r", "\n", "\u0000");
		assertThat(attachment.contentType()).isEqualTo(MediaType.parseMediaType(contentType).toString());
		List<String[]> parts = decode(MailgunMessage.builder()
			.from("shop@mg.example.com")
			.to("a@example.com")
			.text("t")
			.attachment(attachment)
			.build());
		String[] file = parts.get(parts.size() - 1);
		assertThat(file[0]).isEqualTo("attachment");
		assertThat(file[1]).isEqualTo("\u0001\u0002\u0003");
		assertThat(file[2]).isEqualTo("report.txt");
		assertThat(file[3]).isEqualTo(utf8(attachment.contentType()));
		assertThat(file[4]).as("part headers").isEqualTo("Content-Disposition,Content-Type");
	}

	@Provide
	Arbitrary<String> rawParameterNames() {
		return Arbitraries.of("h:X-Custom", "subject", "to", "from", "cc", "bcc", "o:tag", "o:future-option", "template",
				"t:version", "text", "html", "amp-html", "v:note", "t:variables", "recipient-variables");
	}

	/** Raw parameters Mailgun writes into header lines refuse CR, LF and NUL; body parameters keep them. */
	@Property(tries = 400)
	void rawParameters(@ForAll("rawParameterNames") String name, @ForAll("hostile") String value) throws IOException {
		MailgunMessage.Builder builder = MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").text("t");
		boolean multiLine = Set.of("text", "html", "amp-html", "v:note", "t:variables", "recipient-variables")
			.contains(name);
		try {
			builder.parameter(name, value);
		}
		catch (MailgunValidationException ex) {
			assertThat(ex.getParameter()).isEqualTo(name);
			assertThat(multiLine).isFalse();
			assertThat(value).containsAnyOf("\r", "\n", "\u0000");
			return;
		}
		if (!multiLine) {
			assertThat(value).doesNotContain("\r", "\n", "\u0000");
		}
		MailgunMessage message;
		try {
			message = builder.build();
		}
		catch (MailgunValidationException ex) {
			assertThat(ex.getParameter()).isNotBlank();
			return;
		}
		assertRoundTrip(message);
	}

	private static String utf8(String text) {
		return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
	}

	private static void apply(List<String> failed, Runnable step) {
		try {
			step.run();
		}
		catch (MailgunValidationException ex) {
			assertThat(ex.getParameter()).isNotBlank();
			assertThat(ex.getRule()).isNotBlank();
			failed.add(ex.getParameter());
		}
	}

	private static void assertRoundTrip(MailgunMessage message) throws IOException {
		List<String[]> parts = decode(message);
		List<FormField> fields = message.formFields();
		assertThat(parts).hasSize(fields.size() + message.attachments().size());
		for (int i = 0; i < fields.size(); i++) {
			assertThat(parts.get(i)[0]).isEqualTo(fields.get(i).name());
			// What survives UTF-8 is what any HTTP client can send: lone surrogates become '?'.
			assertThat(parts.get(i)[1]).isEqualTo(new String(fields.get(i).value().getBytes(StandardCharsets.UTF_8),
					StandardCharsets.UTF_8));
		}
	}

	/** Encodes with the client's encoder and decodes with OkHttp's parser: name, value, file name. */
	private static List<String[]> decode(MailgunMessage message) throws IOException {
		List<MultipartBody.FilePart> files = message.attachments()
			.stream()
			.map(a -> new MultipartBody.FilePart("attachment", a))
			.toList();
		MultipartBody body = MultipartBody.of(message.formFields(), files);
		DataBuffer joined = DataBufferUtils.join(body.content(DefaultDataBufferFactory.sharedInstance)).block();
		byte[] bytes = new byte[joined.readableByteCount()];
		joined.read(bytes);
		DataBufferUtils.release(joined);
		assertThat((long) bytes.length).isEqualTo(body.contentLength());
		List<String[]> parts = new ArrayList<>();
		try (MultipartReader reader = new MultipartReader(new Buffer().write(bytes), body.boundary())) {
			MultipartReader.Part part;
			while ((part = reader.nextPart()) != null) {
				String disposition = part.headers().get("Content-Disposition");
				assertThat(disposition).startsWith("form-data; name=\"");
				String name = disposition.substring(17, disposition.indexOf('"', 17));
				int fileAt = disposition.indexOf("filename=\"");
				String filename = (fileAt >= 0) ? disposition.substring(fileAt + 10, disposition.lastIndexOf('"')) : null;
				parts.add(new String[] { name, part.body().readString(StandardCharsets.UTF_8), filename,
						part.headers().get("Content-Type"), String.join(",", part.headers().names()) });
			}
		}
		return parts;
	}

}
