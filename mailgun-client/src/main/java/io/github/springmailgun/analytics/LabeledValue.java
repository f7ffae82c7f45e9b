package io.github.springmailgun.analytics;

import io.github.springmailgun.error.MailgunValidationException;

/**
 * A value of an analytics filter with the label Mailgun shows for it.
 *
 * @param label the label
 * @param value the value compared
 */
public record LabeledValue(String label, String value) {

	/**
	 * Checks the value.
	 */
	public LabeledValue {
		if (value == null || value.isBlank()) {
			throw new MailgunValidationException("filter.values.value", "must not be blank");
		}
		label = (label != null && !label.isBlank()) ? label : value;
	}

	/**
	 * Creates a value labelled with itself.
	 * @param value the value
	 * @return the labelled value
	 */
	public static LabeledValue of(String value) {
		return new LabeledValue(value, value);
	}

}
