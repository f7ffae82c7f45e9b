package io.github.springmailgun.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.MailgunDates;
import io.github.springmailgun.internal.QueryParams;
import org.jspecify.annotations.Nullable;

/**
 * A query of the deprecated Stats API ({@code GET /v3/{domain}/stats/total}). Immutable; build with
 * {@link #builder(String...)}.
 *
 * @deprecated Mailgun deprecated the Stats API in favour of the Metrics API: use {@link MetricsQuery}
 * with {@link AnalyticsOperations#metrics(MetricsQuery)}
 */
@Deprecated
public final class StatsQuery {

	private final List<String> events;

	private final @Nullable Instant start;

	private final @Nullable Instant end;

	private final @Nullable Resolution resolution;

	private final @Nullable String duration;

	private StatsQuery(Builder builder) {
		this.events = List.copyOf(builder.events);
		this.start = builder.start;
		this.end = builder.end;
		this.resolution = builder.resolution;
		this.duration = builder.duration;
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
	 * Returns the query parameters, with Mailgun's names and wire forms.
	 * @return the parameters
	 */
	QueryParams toQuery() {
		QueryParams query = new QueryParams().addAll("event", this.events);
		if (this.start != null) {
			query.add("start", MailgunDates.format(this.start));
		}
		if (this.end != null) {
			query.add("end", MailgunDates.format(this.end));
		}
		if (this.resolution != null) {
			query.add("resolution", this.resolution.value());
		}
		return query.add("duration", this.duration);
	}

	/**
	 * Builds a {@link StatsQuery}.
	 */
	public static final class Builder {

		private final List<String> events = new ArrayList<>();

		private @Nullable Instant start;

		private @Nullable Instant end;

		private @Nullable Resolution resolution;

		private @Nullable String duration;

		private Builder() {
		}

		/**
		 * Adds events to count.
		 * @param events the events
		 * @return this builder
		 */
		public Builder events(String... events) {
			for (String event : events) {
				this.events.add(Wire.requireText("event", event));
			}
			return this;
		}

		/**
		 * Sets the start of the period (Mailgun's default: 7 days ago).
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
		 * @param duration the length
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
		 * Builds the query.
		 * @return the query
		 * @throws MailgunValidationException when no event is named or the start is after the end
		 */
		public StatsQuery build() {
			if (this.events.isEmpty()) {
				throw new MailgunValidationException("event", "name at least one event, such as delivered");
			}
			Wire.requireOrder(this.start, this.end);
			return new StatsQuery(this);
		}

	}

}
