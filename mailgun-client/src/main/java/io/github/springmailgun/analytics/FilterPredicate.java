package io.github.springmailgun.analytics;

import java.util.List;
import java.util.stream.Stream;

import io.github.springmailgun.error.MailgunValidationException;

/**
 * One condition of an analytics filter: an attribute ({@code domain}, {@code tag}, {@code ip_pool},
 * {@code recipient_domain}, ...), a comparator and the values it is compared with.
 *
 * @param attribute the attribute, as Mailgun names it
 * @param comparator {@code =}, {@code !=}, {@code contains} or {@code not contains}
 * @param values the values
 */
public record FilterPredicate(String attribute, String comparator, List<LabeledValue> values) {

	/**
	 * Checks the condition.
	 */
	public FilterPredicate {
		if (attribute == null || attribute.isBlank()) {
			throw new MailgunValidationException("filter.attribute", "must not be blank");
		}
		if (comparator == null || comparator.isBlank()) {
			throw new MailgunValidationException("filter.comparator", "must not be blank");
		}
		if (values == null || values.isEmpty()) {
			throw new MailgunValidationException("filter.values", "need at least one value for '" + attribute + "'");
		}
		values = List.copyOf(values);
	}

	/**
	 * Matches items whose attribute equals one of the values.
	 * @param attribute the attribute, such as {@code domain}
	 * @param values the values
	 * @return the condition
	 */
	public static FilterPredicate equal(String attribute, String... values) {
		return of(attribute, "=", values);
	}

	/**
	 * Matches items whose attribute equals none of the values.
	 * @param attribute the attribute
	 * @param values the values
	 * @return the condition
	 */
	public static FilterPredicate notEqual(String attribute, String... values) {
		return of(attribute, "!=", values);
	}

	/**
	 * Matches items whose attribute contains one of the values.
	 * @param attribute the attribute
	 * @param values the values
	 * @return the condition
	 */
	public static FilterPredicate contains(String attribute, String... values) {
		return of(attribute, "contains", values);
	}

	/**
	 * Matches items whose attribute contains none of the values.
	 * @param attribute the attribute
	 * @param values the values
	 * @return the condition
	 */
	public static FilterPredicate notContains(String attribute, String... values) {
		return of(attribute, "not contains", values);
	}

	private static FilterPredicate of(String attribute, String comparator, String... values) {
		return new FilterPredicate(attribute, comparator, Stream.of(values).map(LabeledValue::of).toList());
	}

}
