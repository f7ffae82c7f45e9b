package io.github.springmailgun.analytics;

import io.github.springmailgun.event.MailgunEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Mailgun's analytics: the account-level Metrics and Logs APIs ({@code /v1/analytics}, not bound to a
 * domain; filter with {@link AnalyticsFilter#domain(String...)}), and the deprecated domain-level Stats
 * and Events APIs, bound to the domain of the operations they came from. Nothing is sent until the
 * result is subscribed.
 */
public interface AnalyticsOperations {

	/**
	 * Queries metrics ({@code POST /v1/analytics/metrics}).
	 * @param query the query
	 * @return the metrics
	 */
	Mono<MetricsResponse> metrics(MetricsQuery query);

	/**
	 * Reads one page of logs ({@code POST /v1/analytics/logs}); the next page's token is in
	 * {@link LogsPage#pagination()}.
	 * @param query the query, starting at its token
	 * @return the page
	 */
	Mono<LogsPage> logsPage(LogsQuery query);

	/**
	 * Reads log entries, following the pagination tokens as the subscriber consumes entries. A page is
	 * requested only when needed; cancelling stops further requests; an empty page ends the sequence.
	 * Entries are read into the same event types as webhooks; the Logs API's own fields ({@code domain},
	 * {@code account}, {@code envelope}, ...) are in {@link MailgunEvent#fields()}.
	 * @param query the query
	 * @return the entries
	 */
	Flux<MailgunEvent> logs(LogsQuery query);

	/**
	 * Reads stat totals of the domain ({@code GET /v3/{domain}/stats/total}).
	 * @param query the events and period
	 * @return the counts per time bucket
	 * @deprecated Mailgun deprecated the Stats API in favour of the Metrics API: use
	 * {@link #metrics(MetricsQuery)}
	 */
	@Deprecated
	Mono<StatsResponse> stats(StatsQuery query);

	/**
	 * Reads events of the domain ({@code GET /v3/{domain}/events}), following the paging links as the
	 * subscriber consumes events. A page is requested only when needed; cancelling stops further
	 * requests; an empty page ends the sequence. Items are read into the same event types as webhooks.
	 * @param query the time range and filters
	 * @return the events
	 * @deprecated Mailgun deprecated the Events API in favour of the Logs API: use
	 * {@link #logs(LogsQuery)}
	 */
	@Deprecated
	Flux<MailgunEvent> events(EventsQuery query);

}
