package io.github.springmailgun;

import io.github.springmailgun.testing.LoopbackMailgun;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.springmailgun.message.MailgunMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * With every logger at DEBUG (the client's, Spring's WebClient and Reactor Netty's), sends, failures
 * and retries never log the API key, plain or as Basic credentials.
 */
class SecretsInLogsTests {

	private final LoopbackMailgun mailgun = LoopbackMailgun.start();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private Level previous;

	@BeforeEach
	void capture() {
		this.previous = this.root.getLevel();
		this.root.setLevel(Level.DEBUG);
		this.appender.start();
		this.root.addAppender(this.appender);
	}

	@AfterEach
	void release() {
		this.root.detachAppender(this.appender);
		this.root.setLevel(this.previous);
		this.mailgun.close();
	}

	@Test
	void keyIsNeverLogged() {
		this.mailgun.respond(429, "{\"message\":\"slow down\"}", "Retry-After", "0")
			.accept()
			.respond(401, "Forbidden")
			.respond(500, "{\"message\":\"boom\"}");
		MailgunTemplate client = new MailgunTemplate(this.mailgun.settings()
			.retry(new MailgunRetryPolicy(true, 3, Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(5), false))
			.build());
		MailgunMessage message = MailgunMessage.builder().from("a@mg.example.com").to("b@example.com").text("t").build();
		client.send(message).block();
		catchThrowable(() -> client.send(message).block());
		catchThrowable(() -> client.send(message).block());

		String basic = Base64.getEncoder()
			.encodeToString(("api:" + LoopbackMailgun.API_KEY).getBytes(StandardCharsets.UTF_8));
		java.util.List<ILoggingEvent> events;
		// AppenderBase appends while holding the appender's lock; Netty threads may still be logging.
		synchronized (this.appender) {
			events = new java.util.ArrayList<>(this.appender.list);
		}
		assertThat(events).as("DEBUG output was captured").hasSizeGreaterThan(10);
		assertThat(events).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("Retrying"));
		for (ILoggingEvent event : events) {
			String text = event.getFormattedMessage()
					+ ((event.getThrowableProxy() != null) ? event.getThrowableProxy().getMessage() : "");
			assertThat(text).doesNotContain(LoopbackMailgun.API_KEY).doesNotContain(basic);
		}
	}

}
