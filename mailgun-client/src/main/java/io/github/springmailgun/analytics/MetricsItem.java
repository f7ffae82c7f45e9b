package io.github.springmailgun.analytics;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The metrics of one combination of dimension values, such as one day.
 *
 * @param dimensions the dimension values of this item
 * @param metrics the metric values by name; counts are whole numbers, rates decimals (Mailgun sends
 * rates as strings such as {@code "0.8300"})
 */
public record MetricsItem(List<MetricsDimension> dimensions, Map<String, BigDecimal> metrics) {

	/**
	 * Reads missing values as empty.
	 */
	public MetricsItem {
		dimensions = (dimensions != null) ? dimensions.stream().filter(Objects::nonNull).toList() : List.of();
		metrics = MetricsAggregates.copy(metrics);
	}

	/**
	 * Returns the value of a dimension of this item.
	 * @param dimension the dimension, such as {@code time}
	 * @return the value, or {@code null} when the item does not have the dimension
	 */
	public @Nullable String dimension(String dimension) {
		for (MetricsDimension candidate : this.dimensions) {
			if (dimension.equals(candidate.dimension())) {
				return candidate.value();
			}
		}
		return null;
	}

	/**
	 * Returns a metric's value.
	 * @param metric the metric, such as {@code clicked_rate}
	 * @return the value, or {@code null} when it was not returned
	 */
	public @Nullable BigDecimal metric(String metric) {
		return this.metrics.get(metric);
	}

	/**
	 * Returns a count metric.
	 * @param metric the metric, such as {@code delivered_count}
	 * @return the count, 0 when it was not returned
	 */
	public long count(String metric) {
		BigDecimal value = this.metrics.get(metric);
		return (value != null) ? value.longValue() : 0;
	}

}
