package io.github.springmailgun.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

/**
 * The options a message carries besides its content: template selection, {@code o:} options,
 * {@code h:} headers, {@code v:} variables, recipient variables and raw parameters, in wire form.
 * Shared by {@link MailgunMessage} and {@link MimeMessageRequest}.
 */
public final class SendOptions {

	/** Mailgun's documented limit for {@code o:}, {@code h:}, {@code v:} and {@code t:} parameters together. */
	public static final int MAX_OPTIONS_BYTES = 16 * 1024;

	/** Mailgun's limit of recipients per request when {@code recipient-variables} is used. */
	public static final int MAX_BATCH_RECIPIENTS = 1000;

	/** Options that set nothing. */
	public static final SendOptions NONE = new SendOptions(null, List.of(), null, 0, 0);

	private final @Nullable String template;

	private final List<FormField> fields;

	private final @Nullable Boolean testMode;

	private final int recipientVariableCount;

	private final int rawParameterCount;

	SendOptions(@Nullable String template, List<FormField> fields, @Nullable Boolean testMode,
			int recipientVariableCount, int rawParameterCount) {
		this.template = template;
		this.fields = List.copyOf(fields);
		this.testMode = testMode;
		this.recipientVariableCount = recipientVariableCount;
		this.rawParameterCount = rawParameterCount;
	}

	/**
	 * Returns the stored template to render.
	 * @return the template name, or {@code null}
	 */
	public @Nullable String template() {
		return this.template;
	}

	/**
	 * Returns every option as a wire field: modelled options in a fixed order, then raw parameters.
	 * @return the fields
	 */
	public List<FormField> fields() {
		return this.fields;
	}

	/**
	 * Returns {@code o:testmode} as set on the message.
	 * @return the value, or {@code null} when the message leaves it to the client's default
	 */
	public @Nullable Boolean testMode() {
		return this.testMode;
	}

	/**
	 * Returns how many recipients {@code recipient-variables} names.
	 * @return the count, 0 when not set
	 */
	public int recipientVariableCount() {
		return this.recipientVariableCount;
	}

	/** The fields added with {@code parameter(name, value)}: always the last ones. */
	List<FormField> rawParameters() {
		return this.fields.subList(this.fields.size() - this.rawParameterCount, this.fields.size());
	}

	/** The modelled fields, without the raw ones. */
	List<FormField> modelledFields() {
		return this.fields.subList(0, this.fields.size() - this.rawParameterCount);
	}

	/**
	 * Returns the value of the first field with the given name.
	 * @param name the wire name
	 * @return the value, or {@code null}
	 */
	public @Nullable String value(String name) {
		for (FormField field : this.fields) {
			if (field.name().equals(name)) {
				return field.value();
			}
		}
		return null;
	}

	/**
	 * Returns the values of every field with the given name, in order.
	 * @param name the wire name
	 * @return the values, possibly empty
	 */
	public List<String> values(String name) {
		List<String> values = new ArrayList<>();
		for (FormField field : this.fields) {
			if (field.name().equals(name)) {
				values.add(field.value());
			}
		}
		return values;
	}

	/**
	 * Returns whether {@code recipient-variables} is set.
	 * @return whether batch variables are present
	 */
	public boolean hasRecipientVariables() {
		return value("recipient-variables") != null;
	}

	SendOptions withTestMode(boolean testMode) {
		List<FormField> copy = new ArrayList<>(this.fields.size() + 1);
		for (FormField field : modelledFields()) {
			if (!field.name().equals("o:testmode")) {
				copy.add(field);
			}
		}
		if (testMode) {
			copy.add(new FormField("o:testmode", "yes"));
		}
		copy.addAll(rawParameters());
		return new SendOptions(this.template, copy, testMode, this.recipientVariableCount, this.rawParameterCount);
	}

	/**
	 * Describes the options.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "SendOptions" + this.fields;
	}

	/** Cross-field rules shared by both message kinds. */
	void validate() {
		if (this.template == null) {
			for (String dependent : new String[] { "t:version", "t:text" }) {
				if (value(dependent) != null) {
					throw new MailgunValidationException(dependent, "requires the 'template' parameter");
				}
			}
		}
		if (value("o:secondary-dkim-public") != null && value("o:secondary-dkim") == null) {
			throw new MailgunValidationException("o:secondary-dkim-public", "requires 'o:secondary-dkim'");
		}
		if (this.recipientVariableCount > MAX_BATCH_RECIPIENTS) {
			throw new MailgunValidationException("recipient-variables", "names " + this.recipientVariableCount
					+ " recipients; Mailgun allows at most " + MAX_BATCH_RECIPIENTS
					+ " per request (sendBatch splits larger batches)");
		}
		long size = 0;
		for (FormField field : this.fields) {
			String name = field.name();
			if (name.startsWith("o:") || name.startsWith("h:") || name.startsWith("v:") || name.startsWith("t:")) {
				size += utf8Length(name) + utf8Length(field.value());
			}
		}
		if (size > MAX_OPTIONS_BYTES) {
			throw new MailgunValidationException("o:/h:/v:/t:", "send options total " + size
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

}
