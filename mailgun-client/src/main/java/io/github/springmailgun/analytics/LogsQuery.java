package io.github.springmailgun.analytics;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.springmailgun.error.MailgunValidationException;
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
@JsonPropertyOrder({ "start", "end", "duration", "events", "metric_events", "filter", "include_subaccounts",
		"include_totals", "pagination" })
public final class LogsQuery extends AnalyticsQuery {

	/** Mailgun's largest page of logs. */
	public static final int MAX_LIMIT = 100;

	@JsonProperty("events")
	private final List<String> events;

	@JsonProperty("metric_events")
	private final List<String> metricEvents;

	@JsonProperty("include_totals")
	private final @Nullable Boolean includeTotals;

	private LogsQuery(Builder builder) {
		super(builder);
		this.events = List.copyOf(builder.events);
		this.metricEvents = List.copyOf(builder.metricEvents);
		this.includeTotals = builder.includeTotals;
	}

	private LogsQuery(LogsQuery query, String token) {
		super(query, token);
		this.events = query.events;
		this.metricEvents = query.metricEvents;
		this.includeTotals = query.includeTotals;
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
		return (this.pagination != null) ? this.pagination.token() : null;
	}

	/**
	 * Returns the same query starting at another page, such as the next one of a {@link LogsPage}.
	 * @param token the page token from an earlier answer
	 * @return the query for that page
	 */
	public LogsQuery withToken(String token) {
		return new LogsQuery(this, requireText("pagination.token", token));
	}

	/**
	 * Builds a {@link LogsQuery}.
	 */
	public static final class Builder extends FilterBuilder<Builder> {

		private final List<String> events = new ArrayList<>();

		private final List<String> metricEvents = new ArrayList<>();

		private @Nullable Boolean includeTotals;

		private Builder() {
		}

		/**
		 * Adds event types to include ({@code delivered}, {@code failed}, {@code opened}, ...).
		 * @param events the event types
		 * @return this builder
		 */
		public Builder events(String... events) {
			addTexts(this.events, "events", events);
			return this;
		}

		/**
		 * Adds metric events to include, which Mailgun turns into event types ({@code delivered_smtp}, ...).
		 * @param metricEvents the metric events
		 * @return this builder
		 */
		public Builder metricEvents(String... metricEvents) {
			addTexts(this.metricEvents, "metric_events", metricEvents);
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
		 * Starts at a page token from an earlier answer, to resume reading.
		 * @param token the token
		 * @return this builder
		 */
		public Builder token(String token) {
			this.token = requireText("pagination.token", token);
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
			requireOrder();
			return new LogsQuery(this);
		}

	}

}
