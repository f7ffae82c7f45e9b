package io.github.springmailgun.observation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace variable keeps only trace context fields, and reads back from what Mailgun echoes: text or an
 * object, and nothing from a value that is neither.
 */
class MailgunTraceVariableTests {

	@Test
	void writesOnlyTraceContextFieldsAndTheSendTime() {
		Map<String, String> carrier = new LinkedHashMap<>();
		carrier.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		carrier.put("baggage", "tenant=acme");
		carrier.put("tenant", "acme");
		carrier.put("X-B3-TraceId", "0af7651916cd43dd8448eb211c80319c");
		String text = MailgunTraceVariable.write(carrier, Instant.ofEpochMilli(1764857000123L));
		Map<String, String> read = MailgunTraceVariable.read(Map.of(MailgunTraceVariable.NAME, text));
		assertThat(read).containsOnlyKeys("traceparent", "X-B3-TraceId", MailgunTraceVariable.SENT_AT);
		assertThat(MailgunTraceVariable.sentAt(read)).isEqualTo(Instant.ofEpochMilli(1764857000123L));
		assertThat(MailgunTraceVariable.write(Map.of("baggage", "tenant=acme"), Instant.now())).isNull();
	}

	@Test
	void readsAnObjectAndIgnoresWhatIsNotOne() {
		assertThat(MailgunTraceVariable.read(Map.of(MailgunTraceVariable.NAME, Map.of("traceparent", "00-a-b-01", "n", 1))))
			.containsOnlyKeys("traceparent");
		assertThat(MailgunTraceVariable.read(Map.of(MailgunTraceVariable.NAME, "{not json"))).isEmpty();
		assertThat(MailgunTraceVariable.read(Map.of(MailgunTraceVariable.NAME, "null"))).isEmpty();
		assertThat(MailgunTraceVariable.read(Map.of())).isEmpty();
		assertThat(MailgunTraceVariable.sentAt(Map.of(MailgunTraceVariable.SENT_AT, "soon"))).isNull();
	}

}
