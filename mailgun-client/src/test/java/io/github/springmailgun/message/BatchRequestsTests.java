package io.github.springmailgun.message;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.springmailgun.error.MailgunValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The requests a batch is sent as: one per chunk with its recipients and their variables, and a
 * variable that cannot be written fails before any request exists.
 */
class BatchRequestsTests {

	private static final MailgunMessage MESSAGE = MailgunMessage.builder()
		.from("news@mg.example.com")
		.subject("Hello %recipient.name%")
		.text("Hi %recipient.name%")
		.build();

	@Test
	void plainVariablesGiveOneRequestPerChunkWithItsRecipientsAndVariables() {
		BatchMessage.Builder builder = BatchMessage.of(MESSAGE).chunkSize(2);
		for (int i = 0; i < 5; i++) {
			builder.recipient(BatchRecipient.of("User " + i + " <user" + i + "@example.com>",
					Map.of("name", "User " + i, "tags", List.of("a", 1, true), "nested", Map.of("n", 1.5))));
		}
		List<MailgunMessage> requests = builder.build().requests("default@mg.example.com", true);

		assertThat(requests).hasSize(3);
		MailgunMessage last = requests.get(2);
		assertThat(last.to()).containsExactly("User 4 <user4@example.com>");
		assertThat(last.recipientCount()).isEqualTo(1);
		assertThat(last.options().value("recipient-variables")).startsWith("{\"user4@example.com\":{");
		assertThat(last.options().value("o:testmode")).isEqualTo("yes");
		assertThat(requests.get(0).to()).containsExactly("User 0 <user0@example.com>", "User 1 <user1@example.com>");
	}

	@Test
	void requestsBuiltAsTheyAreReadAreTheRequestsTheBuilderMakes() {
		BatchMessage.Builder builder = BatchMessage.of(MESSAGE).chunkSize(3);
		Map<String, Map<String, ?>> variables = new java.util.LinkedHashMap<>();
		List<String> addresses = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Map<String, Object> own = Map.of("name", "Zoë " + i, "id", i, "vip", i == 1);
			builder.recipient(BatchRecipient.of("Zoë " + i + " <zoe" + i + "@example.com>", own));
			addresses.add("Zoë " + i + " <zoe" + i + "@example.com>");
			variables.put("zoe" + i + "@example.com", own);
		}
		List<MailgunMessage> requests = builder.build().requests(null, false);
		MailgunMessage expected = MESSAGE.toBuilder().to(addresses).recipientVariables(variables).build();

		assertThat(requests).hasSize(1);
		assertThat(requests.get(0).formFields()).isEqualTo(expected.formFields());
		// Read twice, built twice, the same both times.
		assertThat(requests.get(0).formFields()).isEqualTo(requests.get(0).formFields());
	}

	@Test
	void aChunkIsTheSameMessageWithOtherRecipientsNotARebuiltOne() {
		MailgunMessage message = MESSAGE.toBuilder()
			.cc("c@example.com")
			.tag("news")
			.header("X-A", "1")
			.deliveryTime(java.time.Instant.parse("2026-01-02T03:04:05Z"))
			.attachment(Attachment.of("a.txt", new byte[] { 1 }, "text/plain"))
			.build();
		BatchMessage batch = BatchMessage.of(message)
			.chunkSize(2)
			.recipient(BatchRecipient.of("a@example.com", Map.of("n", 1)))
			.recipient(BatchRecipient.of("B <b@example.com>", Map.of("n", 2)))
			.recipient(BatchRecipient.of("d@example.com", Map.of("n", 3)))
			.build();
		List<FormField> single = message.formFields();

		for (MailgunMessage chunk : batch.requests(null, false)) {
			// The validated parts are the message's own, not copies rebuilt per chunk.
			assertThat(chunk.cc()).isSameAs(message.cc());
			assertThat(chunk.attachments()).isSameAs(message.attachments());
			List<FormField> wire = chunk.formFields();
			assertThat(wire.stream().filter(field -> !field.name().equals("to")
					&& !field.name().equals("recipient-variables"))).containsExactlyElementsOf(single);
			assertThat(wire.stream().filter(field -> field.name().equals("to"))).hasSize(chunk.recipientCount());
		}
	}

	@Test
	void sameAddressTwiceInAChunkGetsTheLastVariablesAsAMapWouldGive() throws Exception {
		BatchMessage batch = BatchMessage.of(MESSAGE)
			.recipient(BatchRecipient.of("a@example.com", Map.of("name", "first")))
			.recipient(BatchRecipient.of("B <b@example.com>", Map.of("name", "b")))
			.recipient(BatchRecipient.of("A again <a@example.com>", Map.of("name", "second")))
			.build();
		String json = batch.requests(null, false).get(0).options().value("recipient-variables");
		Map<?, ?> parsed = tools.jackson.databind.json.JsonMapper.builder().build().readValue(json, Map.class);

		assertThat(parsed).hasSize(2);
		assertThat(parsed.get("a@example.com")).isEqualTo(Map.of("name", "second"));
		assertThat(parsed.get("b@example.com")).isEqualTo(Map.of("name", "b"));
	}

	@Test
	void aVariableThatCannotBeWrittenFailsWhenTheRequestsAreMade() {
		AtomicInteger reads = new AtomicInteger();
		Object unwritable = new Object() {
			// A bean whose only property fails to read: Jackson cannot write it.
			public String getValue() {
				reads.incrementAndGet();
				throw new IllegalStateException("no");
			}
		};
		BatchMessage batch = BatchMessage.of(MESSAGE)
			.chunkSize(1)
			.recipient(BatchRecipient.of("a@example.com", Map.of("name", "A")))
			.recipient(BatchRecipient.of("b@example.com", Map.of("thing", unwritable)))
			.build();

		assertThatExceptionOfType(MailgunValidationException.class).isThrownBy(() -> batch.requests(null, false))
			.withMessageContaining("recipient-variables");
		assertThat(reads).hasPositiveValue();
	}

}
