package io.github.springmailgun.webhook;

import java.util.Map;
import java.util.Objects;

import io.github.springmailgun.event.MailgunEvent;
import io.github.springmailgun.internal.Json;

/**
 * A Mailgun JSON webhook: the signature block and the event, as read by
 * {@link WebhookPayloadParser#parse(String)}. Verify {@link #signature()} before trusting the event.
 *
 * @param signature the signature block, with the {@code parent-signature} when one was sent
 * @param event the event from {@code event-data}
 * @param fields every top-level field of the body, as unmodifiable parsed JSON
 * @param json the body exactly as received
 */
public record WebhookPayload(WebhookSignature signature, MailgunEvent event, Map<String, Object> fields,
		String json) {

	/**
	 * Checks the values and copies the fields.
	 */
	public WebhookPayload {
		Objects.requireNonNull(signature, "signature");
		Objects.requireNonNull(event, "event");
		Objects.requireNonNull(json, "json");
		fields = Json.immutableObject(fields);
	}

	/**
	 * Returns a summary without the body.
	 * @return the summary
	 */
	@Override
	public String toString() {
		return "WebhookPayload[signature=" + this.signature + ", event=" + this.event.data() + "]";
	}

}
