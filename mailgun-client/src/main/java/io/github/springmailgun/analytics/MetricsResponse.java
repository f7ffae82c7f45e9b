package io.github.springmailgun.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The answer of the Metrics API: one item per combination of dimension values, and optional totals.
 *
 * @param start the start of the period Mailgun used
 * @param end the end of the period Mailgun used
 * @param resolution the resolution Mailgun used
 * @param duration the duration Mailgun used, if one was asked for
 * @param dimensions the dimensions of the items
 * @param pagination where the items sit in the whole result
 * @param items the items
 * @param aggregates totals over all items, when asked for
 */
public record MetricsResponse(
		@JsonDeserialize(using = MailgunDates.InstantDeserializer.class) @Nullable Instant start,
		@JsonDeserialize(using = MailgunDates.InstantDeserializer.class) @Nullable Instant end,
		@Nullable String resolution, @Nullable String duration, List<String> dimensions,
		@Nullable MetricsPagination pagination, List<MetricsItem> items, @Nullable MetricsAggregates aggregates) {

	/**
	 * Reads missing lists as empty.
	 */
	public MetricsResponse {
		dimensions = (dimensions != null) ? dimensions.stream().filter(Objects::nonNull).toList() : List.of();
		items = (items != null) ? items.stream().filter(Objects::nonNull).toList() : List.of();
	}

}
