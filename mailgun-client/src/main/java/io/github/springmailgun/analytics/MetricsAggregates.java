package io.github.springmailgun.analytics;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Totals over all items of a metrics answer.
 *
 * @param metrics the metric values by name
 */
public record MetricsAggregates(Map<String, BigDecimal> metrics) {

	/**
	 * Reads missing values as empty.
	 */
	public MetricsAggregates {
		metrics = copy(metrics);
	}

	static <V> Map<String, V> copy(@Nullable Map<String, V> metrics) {
		if (metrics == null) {
			return Map.of();
		}
		// Keeps Mailgun's order; Map.copyOf would not, and would refuse a null value.
		Map<String, V> copy = new LinkedHashMap<>();
		metrics.forEach((name, value) -> {
			if (name != null && value != null) {
				copy.put(name, value);
			}
		});
		return java.util.Collections.unmodifiableMap(copy);
	}

}
