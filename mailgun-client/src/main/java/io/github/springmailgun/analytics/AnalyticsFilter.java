package io.github.springmailgun.analytics;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.springmailgun.error.MailgunValidationException;

/**
 * The filter of a metrics or logs query: conditions that must all hold ({@code {"AND": [...]}}).
 *
 * @param and the conditions
 */
public record AnalyticsFilter(@JsonProperty("AND") List<FilterPredicate> and) {

	/**
	 * Checks that there is at least one condition.
	 */
	public AnalyticsFilter {
		if (and == null || and.isEmpty()) {
			throw new MailgunValidationException("filter", "needs at least one condition");
		}
		and = List.copyOf(and);
	}

	/**
	 * Creates a filter of conditions that must all hold.
	 * @param predicates the conditions
	 * @return the filter
	 */
	public static AnalyticsFilter of(FilterPredicate... predicates) {
		return new AnalyticsFilter(List.of(predicates));
	}

	/**
	 * Creates a filter that keeps the given sending domains only.
	 * @param domains the domains
	 * @return the filter
	 */
	public static AnalyticsFilter domain(String... domains) {
		return of(FilterPredicate.equal("domain", domains));
	}

	/**
	 * Returns a filter with one more condition.
	 * @param predicate the condition
	 * @return the new filter
	 */
	public AnalyticsFilter and(FilterPredicate predicate) {
		List<FilterPredicate> all = new ArrayList<>(this.and);
		all.add(predicate);
		return new AnalyticsFilter(all);
	}

}
