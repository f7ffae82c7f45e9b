package io.github.springmailgun.webhook;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.webhook.WebhookVerificationException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.springmailgun.webhook.Fixtures.DOCUMENTED_SIGNATURE;
import static io.github.springmailgun.webhook.WebhookSignatures.KEY;
import static io.github.springmailgun.webhook.WebhookSignatures.PARENT_KEY;
import static io.github.springmailgun.webhook.WebhookSignatures.TOKEN;
import static io.github.springmailgun.webhook.WebhookSignatures.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LegacyWebhookTests {

	private final WebhookPayloadParser parser = new WebhookPayloadParser();

	private final WebhookSignatureVerifier verifier = WebhookSignatureVerifier.builder(KEY)
		.parentSigningKey(PARENT_KEY)
		.clock(MutableClock.at(1529006854L))
		.build();

	@Test
	void parsesAFormEncodedBody() {
		LegacyWebhook webhook = this.parser.parseLegacyForm(Fixtures.read("legacy-delivered.form"));
		assertThat(webhook.signature())
			.isEqualTo(new WebhookSignature("1529006854", TOKEN, DOCUMENTED_SIGNATURE, null));
		assertThat(webhook.event()).isEqualTo("delivered");
		assertThat(webhook.recipient()).isEqualTo("alice@example.com");
		assertThat(webhook.messageId()).isEqualTo("<20130503182626.18666.16540@example.com>");
		assertThat(webhook.first("domain")).isEqualTo("mg.example.com");
		assertThat(webhook.first("message-headers")).isEqualTo("[[\"Subject\", \"Hello\"]]");
		assertThat(webhook.fields()).containsEntry("my-var", List.of("a b", "c"));
		assertThat(webhook.fields().keySet()).startsWith("event", "recipient", "domain");
		assertThat(webhook.first("missing")).isNull();
	}

	@Test
	void verifiesALegacySignature() {
		String body = Fixtures.read("legacy-delivered.form")
			.replace(DOCUMENTED_SIGNATURE, sign(KEY, "1529006854", TOKEN));
		LegacyWebhook webhook = this.parser.parseLegacyForm(body);
		WebhookVerification verification = this.verifier.verify(webhook.signature());
		assertThat(verification.token()).isEqualTo(TOKEN);
		assertThat(this.verifier.markProcessed(verification)).isTrue();
		assertThatExceptionOfType(WebhookVerificationException.class)
			.isThrownBy(() -> this.verifier.verify(this.parser.parseLegacyForm(body).signature()))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.REPLAYED_TOKEN));
	}

	@Test
	void rejectsALegacyBodyWithTheDocumentedSignatureOfAnUnknownKey() {
		LegacyWebhook webhook = this.parser.parseLegacyForm(Fixtures.read("legacy-delivered.form"));
		assertThatExceptionOfType(WebhookVerificationException.class)
			.isThrownBy(() -> this.verifier.verify(webhook.signature()))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.BAD_SIGNATURE));
	}

	@Test
	void verifiesALegacyParentSignature() {
		String body = "event=opened&timestamp=1529006854&token=" + TOKEN + "&signature="
				+ sign("subaccount-key", "1529006854", TOKEN) + "&parent-signature="
				+ sign(PARENT_KEY, "1529006854", TOKEN);
		LegacyWebhook webhook = this.parser.parseLegacyForm(body);
		assertThat(webhook.signature().parentSignature()).isNotNull();
		assertThat(this.verifier.verify(webhook.signature()).signedByParent()).isTrue();
	}

	@Test
	void parsesDecodedFields() {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		fields.put("event", List.of("bounced"));
		fields.put("timestamp", List.of("1529006854", "1529006854"));
		fields.put("token", List.of(TOKEN));
		fields.put("signature", List.of(sign(KEY, "1529006854", TOKEN)));
		fields.put("message-id", List.of("abc@example.com"));
		LegacyWebhook webhook = this.parser.parseLegacyForm(fields);
		assertThat(webhook.event()).isEqualTo("bounced");
		assertThat(webhook.messageId()).isEqualTo("abc@example.com");
		assertThat(this.verifier.verify(webhook.signature()).token()).isEqualTo(TOKEN);
		fields.put("event", List.of("changed"));
		assertThat(webhook.event()).isEqualTo("bounced");
	}

	@Test
	void skipsNullNamesAndValuesOfDecodedFields() {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		fields.put(null, List.of("x"));
		fields.put("tag", Arrays.asList("a", null, "b"));
		fields.put("empty", null);
		fields.put("timestamp", List.of("1529006854"));
		fields.put("token", List.of(TOKEN));
		fields.put("signature", List.of(sign(KEY, "1529006854", TOKEN)));
		LegacyWebhook webhook = this.parser.parseLegacyForm(fields);
		assertThat(webhook.fields()).containsEntry("tag", List.of("a", "b"))
			.containsEntry("empty", List.of())
			.doesNotContainKey(null);
		assertThat(webhook.first("empty")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "event=delivered", "timestamp=1&token=t", "timestamp=1&signature=s",
			"token=t&signature=s", "timestamp=1&timestamp=2&token=t&signature=s", "timestamp=1&token=t&signature=%zz",
			"timestamp=1&token=t&signature=s&parent-signature=a&parent-signature=b" })
	void rejectsMalformedForms(String body) {
		assertThatExceptionOfType(WebhookVerificationException.class)
			.isThrownBy(() -> this.parser.parseLegacyForm(body))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED));
	}

	@Test
	void summaryLeavesOutValues() {
		LegacyWebhook webhook = this.parser.parseLegacyForm(Fixtures.read("legacy-delivered.form"));
		assertThat(webhook.toString()).contains("delivered")
			.contains("my-var")
			.doesNotContain(DOCUMENTED_SIGNATURE)
			.doesNotContain("alice@example.com");
	}

}
