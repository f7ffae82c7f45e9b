package io.github.springmailgun.analytics;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.springmailgun.error.MailgunValidationException;

/**
 * A query of the deprecated Stats API ({@code GET /v3/{domain}/stats/total}). Immutable; build with
 * {@link #builder(String...)}.
 *
 * @deprecated Mailgun deprecated the Stats API in favour of the Metrics API: use {@link MetricsQuery}
 * with {@link AnalyticsOperations#metrics(MetricsQuery)}
 */
@Deprecated
@JsonPropertyOrder({ "event", "start", "end", "resolution", "duration" })
public final class StatsQuery extends AnalyticsQuery {

	// Sent as a repeated query parameter: event=accepted&event=delivered.
	@JsonProperty("event")
	private final List<String> events;

	private StatsQuery(Builder builder) {
		super(builder);
		this.events = List.copyOf(builder.events);
	}

	/**
	 * Starts a query of the given events ({@code accepted}, {@code delivered}, {@code failed},
	 * {@code opened}, {@code clicked}, {@code unsubscribed}, {@code complained}, {@code stored}).
	 * @param events the events, at least one
	 * @return a builder
	 */
	public static Builder builder(String... events) {
		return new Builder().events(events);
	}

	/**
	 * Builds a {@link StatsQuery}.
	 */
	public static final class Builder extends PeriodBuilder<Builder> {

		private final List<String> events = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Adds events to count.
		 * @param events the events
		 * @return this builder
		 */
		public Builder events(String... events) {
			addTexts(this.events, "event", events);
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
		 * Sets the period as a number of months before the end, replacing the start.
		 * @param months the number of months
		 * @return this builder
		 */
		public Builder durationMonths(int months) {
			this.duration = months(months);
			return this;
		}

		/**
		 * Builds the query.
		 * @return the query
		 * @throws MailgunValidationException when no event is named or the start is after the end
		 */
		public StatsQuery build() {
			if (this.events.isEmpty()) {
				throw new MailgunValidationException("event", "name at least one event, such as delivered");
			}
			requireOrder();
			return new StatsQuery(this);
		}

	}

}
