package io.github.springmailgun.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Waiting for messages sent in the background, and the reports a test gets when they do not come.
 */
class MailgunMockServerAwaitTests {

	private final MailgunMockServer mock = MailgunMockServer.start();

	private final RawHttp http = new RawHttp(this.mock);

	@AfterEach
	void stop() {
		this.mock.close();
	}

	private int send(String... namesAndValues) {
		return this.http.post(this.http.messagesPath(), "application/x-www-form-urlencoded",
				RawHttp.urlEncoded(namesAndValues).getBytes(StandardCharsets.UTF_8)).statusCode();
	}

	@Test
	void waitsForMessagesSentInTheBackground() {
		CompletableFuture<Integer> background = CompletableFuture.supplyAsync(
				() -> send("from", "a@mg.example.com", "to", "b@example.com", "subject", "later", "text", "x"),
				CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));

		List<MockMessage> messages = this.mock.awaitMessages(1, Duration.ofSeconds(10));

		assertThat(messages).singleElement().satisfies(message -> assertThat(message.subject()).isEqualTo("later"));
		assertThat(background.join()).isEqualTo(200);
	}

	@Test
	void returnsAtOnceWhenEnoughArrivedAlready() {
		send("from", "a@mg.example.com", "to", "b@example.com", "text", "1");
		send("from", "a@mg.example.com", "to", "b@example.com", "text", "2");

		assertThat(this.mock.awaitMessages(1, Duration.ZERO)).extracting(MockMessage::text).containsExactly("1", "2");
		assertThat(this.mock.awaitMessages(0, Duration.ZERO)).hasSize(2);
	}

	@Test
	void failsWithAReportOfWhatArrivedWhenMessagesDoNotCome() {
		send("from", "a@mg.example.com", "to", "b@example.com", "subject", "Welcome", "text", "x");
		send("to", "c@example.com", "text", "x");

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.mock.awaitMessages(2, Duration.ofMillis(150)))
			.withMessageStartingWith("Expected 2 messages to reach the Mailgun mock within 150 ms, but 1 arrived:")
			.withMessageContaining("to=[b@example.com], subject=Welcome")
			.withMessageContaining("Requests received (2):")
			.withMessageContaining("POST /v3/mg.example.com/messages -> 200 <")
			.withMessageContaining("POST /v3/mg.example.com/messages -> 400 from parameter is missing");
	}

	@Test
	void failsClearlyWhenNothingArrived() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.mock.awaitMessages(1, Duration.ofMillis(50)))
			.withMessage("Expected 1 message to reach the Mailgun mock within 50 ms, but none arrived.\n"
					+ "No request reached it.");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(this.mock::lastMessage)
			.withMessageStartingWith("No message was accepted by the Mailgun mock at " + this.mock.baseUrl());
	}

	@Test
	void findsMessagesByIdOrStorageKey() {
		send("from", "a@mg.example.com", "to", "b@example.com", "text", "x");
		MockMessage message = this.mock.lastMessage();

		assertThat(this.mock.findMessage(message.id())).contains(message);
		assertThat(this.mock.findMessage(message.messageId())).contains(message);
		assertThat(this.mock.findMessage(message.storageKey())).contains(message);
		assertThat(this.mock.findMessage("<unknown@mg.example.com>")).isEmpty();
	}

	@Test
	void resetForgetsMessagesRequestsAndFaults() {
		send("from", "a@mg.example.com", "to", "b@example.com", "text", "x");
		this.mock.failNext(MockFault.serverError()).delayNext(1, Duration.ofSeconds(30));

		this.mock.reset();

		assertThat(this.mock.sentMessages()).isEmpty();
		assertThat(this.mock.requests()).isEmpty();
		assertThat(this.mock.requestCount()).isZero();
		assertThat(send("from", "a@mg.example.com", "to", "b@example.com", "text", "x")).isEqualTo(200);
		assertThat(this.mock.requestCount()).isEqualTo(1);
	}

}
