package io.github.springmailgun.analytics;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Counts over all entries of a logs answer.
 *
 * @param all the number of all entries
 * @param metrics counts by metric
 */
public record LogsAggregates(@Nullable Long all, Map<String, Long> metrics) {

	/**
	 * Reads missing counts as empty.
	 */
	public LogsAggregates {
		metrics = MetricsAggregates.copy(metrics);
	}

}
