package io.github.springmailgun.analytics;

import java.time.Instant;
import java.util.List;

import io.github.springmailgun.event.MailgunEvent;
import org.jspecify.annotations.Nullable;

/**
 * One page of the Logs API.
 *
 * @param start the start of the period Mailgun used
 * @param end the end of the period Mailgun used
 * @param items the log entries of this page
 * @param pagination the tokens of other pages
 * @param aggregates counts over all entries, where Mailgun gives them
 */
public record LogsPage(@Nullable Instant start, @Nullable Instant end, List<MailgunEvent> items,
		LogsPagination pagination, @Nullable LogsAggregates aggregates) {

	/**
	 * Copies the items.
	 */
	public LogsPage {
		items = (items != null) ? List.copyOf(items) : List.of();
		pagination = (pagination != null) ? pagination : new LogsPagination(null, null, null, null, null);
	}

}
