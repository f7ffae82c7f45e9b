package io.github.springmailgun.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * What the Metrics, Logs and Stats queries share: the period, the filter and the paging, with Mailgun's
 * names. The client's JSON mapper writes a query from these annotations, as the body of the v1 APIs and
 * as the query string of the Stats API; members a query does not use stay {@code null} and are left out.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
abstract class AnalyticsQuery {

	@JsonProperty("start")
	@JsonSerialize(using = MailgunDates.Rfc2822Serializer.class)
	private final @Nullable Instant start;

	@JsonProperty("end")
	@JsonSerialize(using = MailgunDates.Rfc2822Serializer.class)
	private final @Nullable Instant end;

	@JsonProperty("resolution")
	private final @Nullable Resolution resolution;

	@JsonProperty("duration")
	private final @Nullable String duration;

	@JsonProperty("filter")
	private final @Nullable AnalyticsFilter filter;

	@JsonProperty("include_subaccounts")
	private final @Nullable Boolean includeSubaccounts;

	@JsonProperty("pagination")
	final @Nullable Pagination pagination;

	AnalyticsQuery(PeriodBuilder<?> builder) {
		this.start = builder.start;
		this.end = builder.end;
		this.resolution = builder.resolution;
		this.duration = builder.duration;
		this.filter = builder.filter;
		this.includeSubaccounts = builder.includeSubaccounts;
		this.pagination = (builder.sort != null || builder.skip != null || builder.token != null
				|| builder.limit != null) ? new Pagination(builder.sort, builder.skip, builder.token, builder.limit)
						: null;
	}

	/** Copies a query with another page token. */
	AnalyticsQuery(AnalyticsQuery query, String token) {
		this.start = query.start;
		this.end = query.end;
		this.resolution = query.resolution;
		this.duration = query.duration;
		this.filter = query.filter;
		this.includeSubaccounts = query.includeSubaccounts;
		Pagination other = (query.pagination != null) ? query.pagination : new Pagination(null, null, null, null);
		this.pagination = new Pagination(other.sort(), other.skip(), token, other.limit());
	}

	static String requireText(String parameter, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new MailgunValidationException(parameter, "must not be blank");
		}
		return value.trim();
	}

	static void addTexts(List<String> list, String parameter, String... values) {
		for (String value : values) {
			list.add(requireText(parameter, value));
		}
	}

	/** Mailgun's durations are a count and a unit: {@code h} hours, {@code d} days, {@code m} months. */
	static String duration(@Nullable Duration duration) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new MailgunValidationException("duration", "must be positive");
		}
		if (duration.toSecondsPart() != 0 || duration.toNanosPart() != 0 || duration.toMinutesPart() != 0) {
			throw new MailgunValidationException("duration", "must be whole hours or days, was " + duration);
		}
		return (duration.toHoursPart() == 0) ? duration.toDays() + "d" : duration.toHours() + "h";
	}

	static String months(int months) {
		if (months < 1) {
			throw new MailgunValidationException("duration", "must be at least one month, was " + months);
		}
		return months + "m";
	}

	/**
	 * The {@code pagination} object of the v1 APIs.
	 *
	 * @param sort a column and a direction, such as {@code timestamp:asc}
	 * @param skip how many items to skip (metrics)
	 * @param token the page token (logs)
	 * @param limit how many items to return at most
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonPropertyOrder({ "sort", "skip", "token", "limit" })
	record Pagination(@Nullable String sort, @Nullable Long skip, @Nullable String token, @Nullable Integer limit) {
	}

	/**
	 * The builder methods of the period, which every query takes.
	 *
	 * @param <B> the builder type
	 */
	abstract static class PeriodBuilder<B extends PeriodBuilder<B>> {

		@Nullable Instant start;

		@Nullable Instant end;

		@Nullable Resolution resolution;

		@Nullable String duration;

		@Nullable AnalyticsFilter filter;

		@Nullable Boolean includeSubaccounts;

		@Nullable String sort;

		@Nullable Long skip;

		@Nullable String token;

		@Nullable Integer limit;

		/**
		 * Sets the start of the period (Mailgun's default: 7 days before the end, one day for logs).
		 * @param start the start
		 * @return this builder
		 */
		public B start(Instant start) {
			this.start = start;
			return self();
		}

		/**
		 * Sets the end of the period (Mailgun's default: now).
		 * @param end the end
		 * @return this builder
		 */
		public B end(Instant end) {
			this.end = end;
			return self();
		}

		/**
		 * Sets the period as a length before the end, replacing the start; sent as whole days or hours.
		 * @param duration the length, in whole hours or days
		 * @return this builder
		 */
		public B duration(Duration duration) {
			this.duration = AnalyticsQuery.duration(duration);
			return self();
		}

		@SuppressWarnings("unchecked")
		final B self() {
			return (B) this;
		}

		/**
		 * Checks the period before the query is built.
		 * @throws MailgunValidationException when the start is after the end
		 */
		final void requireOrder() {
			if (this.start != null && this.end != null && this.start.isAfter(this.end)) {
				throw new MailgunValidationException("start", "must not be after 'end'");
			}
		}

	}

	/**
	 * The builder methods the v1 Metrics and Logs APIs add to the period: a filter, subaccounts and the
	 * sort order.
	 *
	 * @param <B> the builder type
	 */
	abstract static class FilterBuilder<B extends FilterBuilder<B>> extends PeriodBuilder<B> {

		/**
		 * Sets the filter; account-level metrics and logs cover every domain unless filtered.
		 * @param filter the filter
		 * @return this builder
		 */
		public B filter(AnalyticsFilter filter) {
			this.filter = filter;
			return self();
		}

		/**
		 * Sets whether the subaccounts' metrics or logs are included.
		 * @param includeSubaccounts whether to include them
		 * @return this builder
		 */
		public B includeSubaccounts(boolean includeSubaccounts) {
			this.includeSubaccounts = includeSubaccounts;
			return self();
		}

		/**
		 * Sets the sort order, such as {@code timestamp:desc}.
		 * @param sort a column and a direction separated by a colon
		 * @return this builder
		 */
		public B sort(String sort) {
			this.sort = requireText("pagination.sort", sort);
			return self();
		}

	}

}
