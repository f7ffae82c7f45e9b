package io.github.springmailgun.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The answer of the deprecated Stats API: counts per time bucket.
 *
 * @param description Mailgun's description
 * @param start the start of the period
 * @param end the end of the period
 * @param resolution the resolution
 * @param stats the counts per time bucket
 * @deprecated Mailgun deprecated the Stats API in favour of the Metrics API: use {@link MetricsResponse}
 */
@Deprecated
public record StatsResponse(@Nullable String description,
		@JsonDeserialize(using = MailgunDates.InstantDeserializer.class) @Nullable Instant start,
		@JsonDeserialize(using = MailgunDates.InstantDeserializer.class) @Nullable Instant end,
		@Nullable String resolution, List<StatsItem> stats) {

	/**
	 * Reads missing buckets as empty.
	 */
	public StatsResponse {
		stats = (stats != null) ? stats.stream().filter(Objects::nonNull).toList() : List.of();
	}

}
