package io.github.springmailgun.analytics;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

/**
 * A query of the Metrics API ({@code POST /v1/analytics/metrics}): which metrics, over which time,
 * broken down by which dimensions, filtered how. Immutable; build with {@link #builder()}.
 *
 * <pre class="code">
 * MetricsQuery query = MetricsQuery.builder()
 *     .metrics("delivered_count", "opened_rate")
 *     .dimensions("time")
 *     .resolution(Resolution.DAY)
 *     .duration(Duration.ofDays(7))
 *     .filter(AnalyticsFilter.domain("mg.example.com"))
 *     .build();
 * </pre>
 */
@JsonPropertyOrder({ "start", "end", "resolution", "duration", "dimensions", "metrics", "filter",
		"include_subaccounts", "include_aggregates", "pagination" })
public final class MetricsQuery extends AnalyticsQuery {

	@JsonProperty("dimensions")
	private final List<String> dimensions;

	// Always written: Mailgun needs at least one metric.
	@JsonProperty("metrics")
	private final List<String> metrics;

	@JsonProperty("include_aggregates")
	private final @Nullable Boolean includeAggregates;

	private MetricsQuery(Builder builder) {
		super(builder);
		this.dimensions = List.copyOf(builder.dimensions);
		this.metrics = List.copyOf(builder.metrics);
		this.includeAggregates = builder.includeAggregates;
	}

	/**
	 * Starts a query.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the metrics asked for.
	 * @return the metric names
	 */
	public List<String> metrics() {
		return this.metrics;
	}

	/**
	 * Returns the dimensions the metrics are broken down by.
	 * @return the dimension names
	 */
	public List<String> dimensions() {
		return this.dimensions;
	}

	/**
	 * Builds a {@link MetricsQuery}.
	 */
	public static final class Builder extends FilterBuilder<Builder> {

		private final List<String> dimensions = new ArrayList<>();

		private final List<String> metrics = new ArrayList<>();

		private @Nullable Boolean includeAggregates;

		private Builder() {
		}

		/**
		 * Sets the size of the time buckets.
		 * @param resolution the resolution
		 * @return this builder
		 */
		public Builder resolution(Resolution resolution) {
			this.resolution = resolution;
			return this;
		}

		/**
		 * Sets the period as a number of months before the end, replacing the start.
		 * @param months the number of months
		 * @return this builder
		 */
		public Builder durationMonths(int months) {
			this.duration = months(months);
			return this;
		}

		/**
		 * Adds dimensions to break the metrics down by ({@code time}, {@code domain}, {@code tag}, ...).
		 * @param dimensions the dimension names
		 * @return this builder
		 */
		public Builder dimensions(String... dimensions) {
			addTexts(this.dimensions, "dimensions", dimensions);
			return this;
		}

		/**
		 * Adds metrics to return ({@code accepted_count}, {@code delivered_rate}, ...).
		 * @param metrics the metric names
		 * @return this builder
		 */
		public Builder metrics(String... metrics) {
			addTexts(this.metrics, "metrics", metrics);
			return this;
		}

		/**
		 * Sets whether totals over all items are returned.
		 * @param includeAggregates whether to return them
		 * @return this builder
		 */
		public Builder includeAggregates(boolean includeAggregates) {
			this.includeAggregates = includeAggregates;
			return this;
		}

		/**
		 * Sets how many items to skip, for paging through many items.
		 * @param skip the number of items to skip
		 * @return this builder
		 */
		public Builder skip(long skip) {
			if (skip < 0) {
				throw new MailgunValidationException("pagination.skip", "must not be negative, was " + skip);
			}
			this.skip = skip;
			return this;
		}

		/**
		 * Sets how many items to return at most.
		 * @param limit the number of items
		 * @return this builder
		 */
		public Builder limit(int limit) {
			if (limit < 1) {
				throw new MailgunValidationException("pagination.limit", "must be positive, was " + limit);
			}
			this.limit = limit;
			return this;
		}

		/**
		 * Builds the query.
		 * @return the query
		 * @throws MailgunValidationException when no metric is named or the start is after the end
		 */
		public MetricsQuery build() {
			if (this.metrics.isEmpty()) {
				throw new MailgunValidationException("metrics", "name at least one metric, such as delivered_count");
			}
			requireOrder();
			return new MetricsQuery(this);
		}

	}

}
