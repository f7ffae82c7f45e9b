package io.github.springmailgun.message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;

/**
 * The options a message carries besides its content: template selection, {@code o:} options,
 * {@code h:} headers, {@code v:} variables, recipient variables and raw parameters. Immutable and typed:
 * values are written in Mailgun's wire format only when a request is encoded. Shared by
 * {@link MailgunMessage} and {@link MimeMessageRequest}.
 */
public final class SendOptions {

	/** Mailgun's documented limit for {@code o:}, {@code h:}, {@code v:} and {@code t:} parameters together. */
	public static final int MAX_OPTIONS_BYTES = 16 * 1024;

	/** Mailgun's limit of recipients per request when {@code recipient-variables} is used. */
	public static final int MAX_BATCH_RECIPIENTS = 1000;

	/** Options that set nothing. */
	public static final SendOptions NONE = new SendOptions(new EnumMap<>(Option.class), Map.of(), List.of());

	/** Never handed out nor changed: builders and copies with another value take a copy. */
	private final EnumMap<Option, Object> options;

	/**
	 * Headers and variables by wire name ({@code h:Reply-To}, {@code v:order-id}), in the order they were
	 * set, so that a send does not build the names again.
	 */
	private final Map<String, String> prefixed;

	private final List<FormField> parameters;

	SendOptions(EnumMap<Option, Object> options, Map<String, String> prefixed, List<FormField> parameters) {
		this.options = options;
		this.prefixed = prefixed;
		this.parameters = parameters;
	}

	/**
	 * Returns the stored template to render.
	 * @return the template name, or {@code null}
	 */
	public @Nullable String template() {
		return (String) this.options.get(Option.TEMPLATE);
	}

	/**
	 * Returns {@code o:testmode} as set on the message.
	 * @return the value, or {@code null} when the message leaves it to the client's default
	 */
	public @Nullable Boolean testMode() {
		return (Boolean) this.options.get(Option.TEST_MODE);
	}

	/**
	 * Returns how many recipients {@code recipient-variables} names.
	 * @return the count, 0 when not set
	 */
	public int recipientVariableCount() {
		Object variables = this.options.get(Option.RECIPIENT_VARIABLES);
		return (variables != null) ? ((RecipientVariables) variables).count() : 0;
	}

	/**
	 * Returns whether {@code recipient-variables} is set.
	 * @return whether batch variables are present
	 */
	public boolean hasRecipientVariables() {
		return this.options.containsKey(Option.RECIPIENT_VARIABLES);
	}

	/**
	 * Returns the options as they go on the wire: modelled options in a fixed order, then raw parameters.
	 * Written on each call; a send writes them once, when it encodes the request.
	 * @return the fields
	 */
	public List<FormField> fields() {
		List<FormField> fields = new ArrayList<>();
		addTo(fields);
		return fields;
	}

	/**
	 * Returns the wire value of the first field with the given name.
	 * @param name the wire name, for example {@code o:deliverytime}
	 * @return the value, or {@code null}
	 */
	public @Nullable String value(String name) {
		return fields().stream()
			.filter((field) -> field.name().equals(name))
			.map(FormField::value)
			.findFirst()
			.orElse(null);
	}

	/** Adds the options to a request's fields. */
	void addTo(List<FormField> fields) {
		addTo((name, value) -> fields.add(new FormField(name, value)));
	}

	/**
	 * Writes the options as wire names and values: the one place where typed values become Mailgun's wire
	 * format, as mailgun-go's {@code addMessageOptions}.
	 */
	void addTo(BiConsumer<String, String> out) {
		this.options.forEach((option, value) -> option.addTo(out, value));
		this.prefixed.forEach(out);
		this.parameters.forEach((field) -> out.accept(field.name(), field.value()));
	}

	/** The client's test-mode default, applied when the message does not say. */
	SendOptions withDefaultTestMode(boolean defaultTestMode) {
		return (defaultTestMode && testMode() == null) ? with(Option.TEST_MODE, true) : this;
	}

	/** The same options for a batch chunk: only the recipients' variables differ, nothing is checked again. */
	SendOptions withRecipientVariables(String json, int count) {
		return with(Option.RECIPIENT_VARIABLES, new RecipientVariables(json, count));
	}

	private SendOptions with(Option option, Object value) {
		EnumMap<Option, Object> copy = new EnumMap<>(this.options);
		copy.put(option, value);
		return new SendOptions(copy, this.prefixed, this.parameters);
	}

	/** Copies the options into a builder (for {@code toBuilder()}). */
	void copyTo(SendOptionsBuilder<?> builder) {
		builder.options.putAll(this.options);
		builder.prefixed.putAll(this.prefixed);
		builder.parameters.addAll(this.parameters);
	}

	/**
	 * Describes the options.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "SendOptions" + fields();
	}

	/** Cross-field rules shared by both message kinds, read from the typed values. */
	void validate(int recipientCount) {
		for (Option dependent : List.of(Option.TEMPLATE_VERSION, Option.TEMPLATE_TEXT)) {
			if (this.options.containsKey(dependent) && !this.options.containsKey(Option.TEMPLATE)) {
				throw new MailgunValidationException(dependent.wireName, "requires the 'template' parameter");
			}
		}
		if (this.options.containsKey(Option.SECONDARY_DKIM_PUBLIC) && !this.options.containsKey(Option.SECONDARY_DKIM)) {
			throw new MailgunValidationException("o:secondary-dkim-public", "requires 'o:secondary-dkim'");
		}
		if (recipientVariableCount() > MAX_BATCH_RECIPIENTS) {
			throw new MailgunValidationException("recipient-variables", "names " + recipientVariableCount()
					+ " recipients; Mailgun allows at most " + MAX_BATCH_RECIPIENTS
					+ " per request (sendBatch splits larger batches)");
		}
		if (hasRecipientVariables() && recipientCount > MAX_BATCH_RECIPIENTS) {
			throw new MailgunValidationException("to", "has " + recipientCount
					+ " recipients with recipient-variables; Mailgun allows at most " + MAX_BATCH_RECIPIENTS
					+ " per request (sendBatch splits larger batches)");
		}
		long[] size = { 0 };
		addTo((name, value) -> {
			// Counted by wire name, so raw parameters count with the prefix the user wrote.
			if (name.length() > 1 && name.charAt(1) == ':' && "ohvt".indexOf(name.charAt(0)) >= 0) {
				size[0] += utf8Length(name) + utf8Length(value);
			}
		});
		if (size[0] > MAX_OPTIONS_BYTES) {
			throw new MailgunValidationException("o:/h:/v:/t:", "send options total " + size[0]
					+ " bytes; Mailgun limits parameters starting with o:, h:, v: and t: to 16 KB together");
		}
	}

	private static long utf8Length(String text) {
		// Exact for ASCII, the common case, without encoding the string.
		boolean ascii = true;
		for (int i = 0; i < text.length() && ascii; i++) {
			ascii = text.charAt(i) < 128;
		}
		return ascii ? text.length() : text.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * The modelled parameters, in the order they go on the wire. Each holds a typed value: a string,
	 * {@link Boolean}, {@link TrackingMode}, {@link ZonedDateTime}, {@link Duration}, {@link java.time.LocalTime},
	 * a list of strings (a repeated parameter) or {@link RecipientVariables}.
	 */
	enum Option {

		TEMPLATE("template"), TEMPLATE_VERSION("t:version"), TEMPLATE_TEXT("t:text"), TEMPLATE_VARIABLES("t:variables"),
		TAG("o:tag"), DKIM("o:dkim"), SECONDARY_DKIM("o:secondary-dkim"), SECONDARY_DKIM_PUBLIC("o:secondary-dkim-public"),
		DELIVERY_TIME("o:deliverytime"), DELIVERY_TIME_OPTIMIZE_PERIOD("o:deliverytime-optimize-period"),
		TIME_ZONE_LOCALIZE("o:time-zone-localize"), TRACKING("o:tracking"), TRACKING_CLICKS("o:tracking-clicks"),
		TRACKING_OPENS("o:tracking-opens"), REQUIRE_TLS("o:require-tls"), SKIP_VERIFICATION("o:skip-verification"),
		SENDING_IP("o:sending-ip"), SENDING_IP_POOL("o:sending-ip-pool"),
		TRACKING_PIXEL_LOCATION_TOP("o:tracking-pixel-location-top"), ARCHIVE_TO("o:archive-to"),
		SUPPRESS_HEADERS("o:suppress-headers"), DELIVER_WITHIN("o:deliver-within"), TEST_MODE("o:testmode"),
		RECIPIENT_VARIABLES("recipient-variables");

		final String wireName;

		Option(String wireName) {
			this.wireName = wireName;
		}

		void addTo(BiConsumer<String, String> out, Object value) {
			if (value instanceof List<?> values) {
				values.forEach(each -> out.accept(this.wireName, (String) each));
			}
			else if (this != TEST_MODE || Boolean.TRUE.equals(value)) {
				// Test mode off is Mailgun's default: it is not sent, so a client default can be overridden.
				out.accept(this.wireName, text(value));
			}
		}

		/** Mailgun's wire format of a typed value. */
		static String text(Object value) {
			if (value instanceof Boolean bool) {
				return bool ? "yes" : "no";
			}
			if (value instanceof TrackingMode mode) {
				return mode.wireValue();
			}
			if (value instanceof ZonedDateTime time) {
				return MailgunDates.format(time);
			}
			if (value instanceof RecipientVariables variables) {
				return variables.json();
			}
			if (value instanceof Duration duration) {
				// Whole hours as "24h", otherwise "1h30m" or "5m": both duration options read this form.
				long hours = duration.toHours();
				int minutes = duration.toMinutesPart();
				return (hours > 0 ? hours + "h" : "") + (minutes > 0 ? minutes + "m" : "");
			}
			// Strings, and LocalTime in whole minutes, whose ISO form is Mailgun's HH:mm.
			return value.toString();
		}

	}

	/**
	 * The {@code recipient-variables} JSON object, written when it is set (a value that cannot be written
	 * must fail before the send), and how many recipients it names.
	 */
	record RecipientVariables(String json, int count) {
	}

}
