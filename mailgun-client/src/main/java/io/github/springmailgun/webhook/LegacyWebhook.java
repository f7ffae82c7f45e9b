package io.github.springmailgun.webhook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A legacy form-encoded Mailgun webhook, with {@code timestamp}, {@code token} and {@code signature} as
 * top-level fields next to the event's fields ({@code event}, {@code recipient}, {@code Message-Id},
 * custom variables, ...), as read by {@link WebhookPayloadParser#parseLegacyForm(String)}. Verify
 * {@link #signature()} before trusting the fields.
 *
 * @param signature the signature block
 * @param fields every form field with its values in order, the signature fields included
 */
public record LegacyWebhook(WebhookSignature signature, Map<String, List<String>> fields) {

	/**
	 * Checks the signature and copies the fields, leaving out {@code null} names and values (a servlet
	 * container's parameter map may hold them).
	 */
	public LegacyWebhook {
		Objects.requireNonNull(signature, "signature");
		Map<String, List<String>> copy = new LinkedHashMap<>();
		fields.forEach((name, values) -> {
			if (name != null) {
				copy.put(name, (values != null) ? values.stream().filter(Objects::nonNull).toList() : List.of());
			}
		});
		fields = Collections.unmodifiableMap(copy);
	}

	/**
	 * Returns the first value of a field.
	 * @param name the field name, as sent
	 * @return the value, or {@code null} when the field is absent
	 */
	public @Nullable String first(String name) {
		List<String> values = this.fields.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Returns the event name, for example {@code delivered}, {@code bounced} or {@code dropped}.
	 * @return the event name, or {@code null}
	 */
	public @Nullable String event() {
		return first("event");
	}

	/**
	 * Returns the recipient address.
	 * @return the recipient, or {@code null}
	 */
	public @Nullable String recipient() {
		return first("recipient");
	}

	/**
	 * Returns the {@code Message-Id} of the message, as Mailgun sent it (field {@code Message-Id} or
	 * {@code message-id}).
	 * @return the message id, or {@code null}
	 */
	public @Nullable String messageId() {
		String messageId = first("Message-Id");
		return (messageId != null) ? messageId : first("message-id");
	}

	/**
	 * Returns a summary with the field names but not their values.
	 * @return the summary
	 */
	@Override
	public String toString() {
		return "LegacyWebhook[signature=" + this.signature + ", event=" + event() + ", fields="
				+ new ArrayList<>(this.fields.keySet()) + "]";
	}

}
