package io.github.springmailgun;

import io.github.springmailgun.testing.LoopbackMailgun;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.testing.LoopbackMailgun.Recorded;
import io.github.springmailgun.error.MailgunAttachmentException;
import io.github.springmailgun.error.MailgunBadRequestException;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.internal.Json;
import io.github.springmailgun.message.BatchMessage;
import io.github.springmailgun.message.BatchRecipient;
import io.github.springmailgun.message.BatchResult;
import io.github.springmailgun.message.MailgunMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Batches split at Mailgun's limit, and every recipient is accounted for even when a request fails.
 */
class BatchSendTests {

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	@AfterEach
	void stop() {
		this.mailgun.close();
	}

	private static BatchMessage batch(int recipients, int concurrency) {
		MailgunMessage message = MailgunMessage.builder()
			.from("news@mg.example.com")
			.subject("Hello %recipient.name%")
			.text("Hi %recipient.name%")
			.build();
		BatchMessage.Builder batch = BatchMessage.of(message).concurrency(concurrency);
		for (int i = 0; i < recipients; i++) {
			batch.recipient(BatchRecipient.of("User " + i + " <user" + i + "@example.com>", Map.of("name", "User " + i)));
		}
		return batch.build();
	}

	@Test
	void recipientsAreSplitIntoRequestsOfAtMost1000() {
		this.mailgun.accept().accept().accept();
		List<BatchResult> results = this.mailgun.client().sendBatch(batch(2500, 1)).collectList().block();

		assertThat(results).extracting(BatchResult::index).containsExactly(0, 1, 2);
		assertThat(results).allMatch(BatchResult::isAccepted);
		assertThat(results).extracting(r -> r.recipients().size()).containsExactly(1000, 1000, 500);
		List<Integer> sizes = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Recorded request = this.mailgun.take();
			List<String> to = request.values("to");
			sizes.add(to.size());
			Map<String, Object> variables = Json.readMap(request.value("recipient-variables").getBytes());
			assertThat(variables).hasSize(to.size());
			assertThat(variables).containsKey("user" + (i * 1000) + "@example.com");
			assertThat(variables.get("user" + (i * 1000) + "@example.com")).isEqualTo(Map.of("name", "User " + (i * 1000)));
			assertThat(request.value("subject")).isEqualTo("Hello %recipient.name%");
		}
		assertThat(sizes).containsExactly(1000, 1000, 500);
	}

	@Test
	void aFailedRequestDoesNotCancelTheOthersAndNamesItsRecipients() {
		this.mailgun.accept().respond(400, "{\"message\":\"bad\"}").accept();
		List<BatchResult> results = this.mailgun.client().sendBatch(batch(2100, 1)).collectList().block();

		assertThat(results).hasSize(3);
		assertThat(results.get(0).isAccepted()).isTrue();
		assertThat(results.get(1).isAccepted()).isFalse();
		assertThat(results.get(1).error()).isInstanceOf(MailgunBadRequestException.class);
		assertThat(results.get(1).recipients()).first().extracting(BatchRecipient::bareAddress).isEqualTo("user1000@example.com");
		assertThat(results.get(2).isAccepted()).isTrue();
		int accountedFor = results.stream().mapToInt(r -> r.recipients().size()).sum();
		assertThat(accountedFor).isEqualTo(2100);
		assertThat(this.mailgun.requestCount()).isEqualTo(3);
	}

	@Test
	void concurrentRequestsStillYieldResultsInOrder() {
		for (int i = 0; i < 6; i++) {
			this.mailgun.accept();
		}
		List<BatchResult> results = this.mailgun.client().sendBatch(batch(60, 4)).collectList().block();
		assertThat(results).hasSize(1);
		BatchMessage small = BatchMessage.of(batch(1, 1).message())
			.recipients(batch(50, 1).recipients())
			.chunkSize(10)
			.concurrency(4)
			.build();
		assertThat(this.mailgun.client().sendBatch(small).collectList().block()).extracting(BatchResult::index)
			.containsExactly(0, 1, 2, 3, 4);
		assertThat(this.mailgun.requestCount()).isEqualTo(6);
	}

	@Test
	void aStreamAttachmentIsRefusedForABatchOfSeveralRequestsBeforeAnyIsSent() {
		MailgunMessage message = MailgunMessage.builder()
			.from("news@mg.example.com")
			.subject("Report")
			.text("Attached")
			.attachment(Attachment.of("report.csv", new ByteArrayInputStream("a,b\n".getBytes()), "text/csv"))
			.build();
		BatchMessage.Builder batch = BatchMessage.of(message).chunkSize(2);
		batch.recipients(batch(3, 1).recipients());

		assertThatExceptionOfType(MailgunValidationException.class).isThrownBy(batch::build)
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("attachment"))
			.withMessageContaining("report.csv")
			.withMessageContaining("2 requests");
		// One request reads the stream once: allowed.
		BatchMessage single = BatchMessage.of(message).recipients(batch(2, 1).recipients()).chunkSize(2).build();
		this.mailgun.accept();
		assertThat(this.mailgun.client().sendBatch(single).collectList().block()).singleElement()
			.matches(BatchResult::isAccepted);
	}

	@Test
	void aPartThatCannotBeReadIsAnAttachmentErrorThatNeverReachedMailgun() {
		// A stream read once already: its resource refuses a second read with an IllegalStateException.
		Attachment consumed = Attachment.of("report.csv", new ByteArrayInputStream("a,b\n".getBytes()), "text/csv");
		MailgunMessage message = MailgunMessage.builder()
			.from("news@mg.example.com")
			.to("alice@example.com")
			.subject("Report")
			.text("Attached")
			.attachment(consumed)
			.build();
		this.mailgun.accept();
		this.mailgun.client().send(message).block();
		this.mailgun.take();

		assertThatExceptionOfType(MailgunAttachmentException.class)
			.isThrownBy(() -> this.mailgun.client().send(message).block())
			.withMessageContaining("report.csv");
	}

}
