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
 * A query of the Logs API ({@code POST /v1/analytics/logs}): which events, over which time, filtered
 * how. Immutable; build with {@link #builder()}.
 *
 * <pre class="code">
 * LogsQuery query = LogsQuery.builder()
 *     .duration(Duration.ofDays(1))
 *     .events("failed")
 *     .filter(AnalyticsFilter.domain("mg.example.com"))
 *     .build();
 * </pre>
 */
public final class LogsQuery {

	/** Mailgun's largest page of logs. */
	public static final int MAX_LIMIT = 100;

	private final @Nullable Instant start;

	private final @Nullable Instant end;

	private final @Nullable String duration;

	private final List<String> events;

	private final List<String> metricEvents;

	private final @Nullable AnalyticsFilter filter;

	private final @Nullable Boolean includeSubaccounts;

	private final @Nullable Boolean includeTotals;

	private final @Nullable String sort;

	private final @Nullable String token;

	private final @Nullable Integer limit;

	private LogsQuery(Builder builder) {
		this.start = builder.start;
		this.end = builder.end;
		this.duration = builder.duration;
		this.events = List.copyOf(builder.events);
		this.metricEvents = List.copyOf(builder.metricEvents);
		this.filter = builder.filter;
		this.includeSubaccounts = builder.includeSubaccounts;
		this.includeTotals = builder.includeTotals;
		this.sort = builder.sort;
		this.token = builder.token;
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
	 * Returns the page token the query starts at.
	 * @return the token, or {@code null} for the first page
	 */
	public @Nullable String token() {
		return this.token;
	}

	/**
	 * Returns the JSON body, with Mailgun's names and wire forms.
	 * @param pageToken the page to ask for, or {@code null} for the query's own
	 * @return the body as maps and lists
	 */
	Map<String, Object> toJson(@Nullable String pageToken) {
		Map<String, Object> json = new LinkedHashMap<>();
		if (this.start != null) {
			json.put("start", MailgunDates.format(this.start));
		}
		if (this.end != null) {
			json.put("end", MailgunDates.format(this.end));
		}
		if (this.duration != null) {
			json.put("duration", this.duration);
		}
		if (!this.events.isEmpty()) {
			json.put("events", this.events);
		}
		if (!this.metricEvents.isEmpty()) {
			json.put("metric_events", this.metricEvents);
		}
		if (this.filter != null) {
			json.put("filter", this.filter.toJson());
		}
		if (this.includeSubaccounts != null) {
			json.put("include_subaccounts", this.includeSubaccounts);
		}
		if (this.includeTotals != null) {
			json.put("include_totals", this.includeTotals);
		}
		String page = (pageToken != null) ? pageToken : this.token;
		if (this.sort != null || page != null || this.limit != null) {
			Map<String, Object> pagination = new LinkedHashMap<>();
			if (this.sort != null) {
				pagination.put("sort", this.sort);
			}
			if (page != null) {
				pagination.put("token", page);
			}
			if (this.limit != null) {
				pagination.put("limit", this.limit);
			}
			json.put("pagination", pagination);
		}
		return json;
	}

	/**
	 * Builds a {@link LogsQuery}.
	 */
	public static final class Builder {

		private @Nullable Instant start;

		private @Nullable Instant end;

		private @Nullable String duration;

		private final List<String> events = new ArrayList<>();

		private final List<String> metricEvents = new ArrayList<>();

		private @Nullable AnalyticsFilter filter;

		private @Nullable Boolean includeSubaccounts;

		private @Nullable Boolean includeTotals;

		private @Nullable String sort;

		private @Nullable String token;

		private @Nullable Integer limit;

		private Builder() {
		}

		/**
		 * Sets the start of the period (Mailgun's default: one day before the end).
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
		 * Sets the period as a length before the end, replacing the start; sent as whole days or hours.
		 * @param duration the length, in whole hours or days
		 * @return this builder
		 */
		public Builder duration(Duration duration) {
			this.duration = Wire.duration(duration);
			return this;
		}

		/**
		 * Adds event types to include ({@code delivered}, {@code failed}, {@code opened}, ...).
		 * @param events the event types
		 * @return this builder
		 */
		public Builder events(String... events) {
			for (String event : events) {
				this.events.add(Wire.requireText("events", event));
			}
			return this;
		}

		/**
		 * Adds metric events to include, which Mailgun turns into event types ({@code delivered_smtp}, ...).
		 * @param metricEvents the metric events
		 * @return this builder
		 */
		public Builder metricEvents(String... metricEvents) {
			for (String metricEvent : metricEvents) {
				this.metricEvents.add(Wire.requireText("metric_events", metricEvent));
			}
			return this;
		}

		/**
		 * Sets the filter; account-level logs cover every domain unless filtered.
		 * @param filter the filter
		 * @return this builder
		 */
		public Builder filter(AnalyticsFilter filter) {
			this.filter = filter;
			return this;
		}

		/**
		 * Sets whether logs of subaccounts are included.
		 * @param includeSubaccounts whether to include them
		 * @return this builder
		 */
		public Builder includeSubaccounts(boolean includeSubaccounts) {
			this.includeSubaccounts = includeSubaccounts;
			return this;
		}

		/**
		 * Sets whether the total number of entries is returned.
		 * @param includeTotals whether to return it
		 * @return this builder
		 */
		public Builder includeTotals(boolean includeTotals) {
			this.includeTotals = includeTotals;
			return this;
		}

		/**
		 * Sets the sort order, such as {@code timestamp:desc}.
		 * @param sort a column and a direction separated by a colon
		 * @return this builder
		 */
		public Builder sort(String sort) {
			this.sort = Wire.requireText("pagination.sort", sort);
			return this;
		}

		/**
		 * Starts at a page token from an earlier answer, to resume reading.
		 * @param token the token
		 * @return this builder
		 */
		public Builder token(String token) {
			this.token = Wire.requireText("pagination.token", token);
			return this;
		}

		/**
		 * Sets how many entries one request returns at most (Mailgun allows up to 100).
		 * @param limit the number of entries
		 * @return this builder
		 */
		public Builder limit(int limit) {
			if (limit < 1 || limit > MAX_LIMIT) {
				throw new MailgunValidationException("pagination.limit",
						"must be between 1 and " + MAX_LIMIT + ", was " + limit);
			}
			this.limit = limit;
			return this;
		}

		/**
		 * Builds the query.
		 * @return the query
		 * @throws MailgunValidationException when the start is after the end
		 */
		public LogsQuery build() {
			Wire.requireOrder(this.start, this.end);
			return new LogsQuery(this);
		}

	}

}
