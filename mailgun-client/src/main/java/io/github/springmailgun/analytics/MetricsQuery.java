package io.github.springmailgun.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.MailgunDates;
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
public final class MetricsQuery {

	private final @Nullable Instant start;

	private final @Nullable Instant end;

	private final @Nullable Resolution resolution;

	private final @Nullable String duration;

	private final List<String> dimensions;

	private final List<String> metrics;

	private final @Nullable AnalyticsFilter filter;

	private final @Nullable Boolean includeSubaccounts;

	private final @Nullable Boolean includeAggregates;

	private final @Nullable String sort;

	private final @Nullable Long skip;

	private final @Nullable Integer limit;

	private MetricsQuery(Builder builder) {
		this.start = builder.start;
		this.end = builder.end;
		this.resolution = builder.resolution;
		this.duration = builder.duration;
		this.dimensions = List.copyOf(builder.dimensions);
		this.metrics = List.copyOf(builder.metrics);
		this.filter = builder.filter;
		this.includeSubaccounts = builder.includeSubaccounts;
		this.includeAggregates = builder.includeAggregates;
		this.sort = builder.sort;
		this.skip = builder.skip;
		this.limit = builder.limit;
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
	 * Returns the JSON body, with Mailgun's names and wire forms.
	 * @return the body as maps and lists
	 */
	Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		if (this.start != null) {
			json.put("start", MailgunDates.format(this.start));
		}
		if (this.end != null) {
			json.put("end", MailgunDates.format(this.end));
		}
		if (this.resolution != null) {
			json.put("resolution", this.resolution.value());
		}
		if (this.duration != null) {
			json.put("duration", this.duration);
		}
		if (!this.dimensions.isEmpty()) {
			json.put("dimensions", this.dimensions);
		}
		json.put("metrics", this.metrics);
		if (this.filter != null) {
			json.put("filter", this.filter.toJson());
		}
		if (this.includeSubaccounts != null) {
			json.put("include_subaccounts", this.includeSubaccounts);
		}
		if (this.includeAggregates != null) {
			json.put("include_aggregates", this.includeAggregates);
		}
		if (this.sort != null || this.skip != null || this.limit != null) {
			Map<String, Object> pagination = new LinkedHashMap<>();
			if (this.sort != null) {
				pagination.put("sort", this.sort);
			}
			if (this.skip != null) {
				pagination.put("skip", this.skip);
			}
			if (this.limit != null) {
				pagination.put("limit", this.limit);
			}
			json.put("pagination", pagination);
		}
		return json;
	}

	/**
	 * Builds a {@link MetricsQuery}.
	 */
	public static final class Builder {

		private @Nullable Instant start;

		private @Nullable Instant end;

		private @Nullable Resolution resolution;

		private @Nullable String duration;

		private final List<String> dimensions = new ArrayList<>();

		private final List<String> metrics = new ArrayList<>();

		private @Nullable AnalyticsFilter filter;

		private @Nullable Boolean includeSubaccounts;

		private @Nullable Boolean includeAggregates;

		private @Nullable String sort;

		private @Nullable Long skip;

		private @Nullable Integer limit;

		private Builder() {
		}

		/**
		 * Sets the start of the period (Mailgun's default: 7 days before the end).
		 * @param start the start
		 * @return this builder
		 */
		public Builder start(Instant start) {
			this.start = start;
			return this;
		}

		/**
		 * Sets the end of the period (Mailgun's default: now).
		 * @param end the end
		 * @return this builder
		 */
		public Builder end(Instant end) {
			this.end = end;
			return this;
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
		 * Sets the period as a length before the end, replacing the start; sent as whole days or hours.
		 * @param duration the length, in whole hours or days
		 * @return this builder
		 */
		public Builder duration(Duration duration) {
			this.duration = Wire.duration(duration);
			return this;
		}

		/**
		 * Sets the period as a number of months before the end, replacing the start.
		 * @param months the number of months
		 * @return this builder
		 */
		public Builder durationMonths(int months) {
			this.duration = Wire.months(months);
			return this;
		}

		/**
		 * Adds dimensions to break the metrics down by ({@code time}, {@code domain}, {@code tag}, ...).
		 * @param dimensions the dimension names
		 * @return this builder
		 */
		public Builder dimensions(String... dimensions) {
			for (String dimension : dimensions) {
				this.dimensions.add(Wire.requireText("dimensions", dimension));
			}
			return this;
		}

		/**
		 * Adds metrics to return ({@code accepted_count}, {@code delivered_rate}, ...).
		 * @param metrics the metric names
		 * @return this builder
		 */
		public Builder metrics(String... metrics) {
			for (String metric : metrics) {
				this.metrics.add(Wire.requireText("metrics", metric));
			}
			return this;
		}

		/**
		 * Sets the filter; account-level metrics cover every domain unless filtered.
		 * @param filter the filter
		 * @return this builder
		 */
		public Builder filter(AnalyticsFilter filter) {
			this.filter = filter;
			return this;
		}

		/**
		 * Sets whether metrics of subaccounts are included.
		 * @param includeSubaccounts whether to include them
		 * @return this builder
		 */
		public Builder includeSubaccounts(boolean includeSubaccounts) {
			this.includeSubaccounts = includeSubaccounts;
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
		 * Sets the sort order, such as {@code domain:asc}.
		 * @param sort a column and a direction separated by a colon
		 * @return this builder
		 */
		public Builder sort(String sort) {
			this.sort = Wire.requireText("pagination.sort", sort);
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
			Wire.requireOrder(this.start, this.end);
			return new MetricsQuery(this);
		}

	}

}
