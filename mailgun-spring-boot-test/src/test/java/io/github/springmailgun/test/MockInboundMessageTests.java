package io.github.springmailgun.test;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a received message carries besides what the test gave it.
 */
class MockInboundMessageTests {

	@Test
	void aMessageWithoutAMessageIdGetsOneOnTheSendersDomainAsRealMailHas() {
		MockInboundMessage first = MockInboundMessage.builder("Jane <jane@example.com>", "support@mg.example.com").build();
		MockInboundMessage second = MockInboundMessage.builder("jane@example.com", "support@mg.example.com").build();

		assertThat(first.headers()).singleElement().satisfies((header) -> {
			assertThat(header.getKey()).isEqualTo("Message-Id");
			assertThat(header.getValue()).matches("<[0-9a-f-]{36}@example\\.com>");
		});
		assertThat(second.headers().get(0).getValue()).isNotEqualTo(first.headers().get(0).getValue());
		assertThat(first.allHeaders()).extracting(Map.Entry::getKey).containsExactly("From", "To", "Subject", "Message-Id");
	}

	@Test
	void aGivenMessageIdIsKeptAlone() {
		MockInboundMessage message = MockInboundMessage.builder("jane@example.com", "support@mg.example.com")
			.header("Message-ID", "<given@example.com>")
			.build();

		assertThat(message.headers()).containsExactly(Map.entry("Message-ID", "<given@example.com>"));
	}

}
