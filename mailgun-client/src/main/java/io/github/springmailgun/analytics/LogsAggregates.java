package io.github.springmailgun.analytics;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * Counts over all entries of a logs answer.
 *
 * @param all the number of all entries
 * @param metrics counts by metric
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogsAggregates(@Nullable Long all, Map<String, Long> metrics) {

	/**
	 * Reads missing counts as empty.
	 */
	public LogsAggregates {
		metrics = MetricsAggregates.copy(metrics);
	}

}
