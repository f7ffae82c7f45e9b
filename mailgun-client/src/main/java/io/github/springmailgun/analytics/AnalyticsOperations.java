package io.github.springmailgun.analytics;

import java.time.Instant;
import java.util.Map;

import io.github.springmailgun.event.MailgunEvent;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Mailgun's analytics: the account-level Metrics and Logs APIs ({@code /v1/analytics}, not bound to a
 * domain; filter with {@link AnalyticsFilter#domain(String...)}), and the deprecated domain-level Stats
 * and Events APIs, bound to the domain of the operations they came from (except the account's stats). Nothing is sent until the
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
	 * Reads stat totals of the whole account ({@code GET /v3/stats/total}).
	 * @param query the events and period
	 * @return the counts per time bucket
	 * @deprecated Mailgun deprecated the Stats API in favour of the Metrics API: use
	 * {@link #metrics(MetricsQuery)}
	 */
	@Deprecated
	Mono<StatsResponse> accountStats(StatsQuery query);

	/**
	 * Reads stat totals of the account, filtered and grouped ({@code GET /v3/stats/filter}).
	 * @param query the events and period
	 * @param filter Mailgun's {@code key:value} filter, such as {@code domain:mg.example.com}, or
	 * {@code null} for the whole account
	 * @param group what to group the counts by, or {@code null} for Mailgun's default
	 * @return the counts
	 * @deprecated Mailgun deprecated the Stats API in favour of the Metrics API: use
	 * {@link #metrics(MetricsQuery)} with a filter and dimensions
	 */
	@Deprecated
	Mono<StatsResponse> accountStats(StatsQuery query, @Nullable String filter, @Nullable StatsGroup group);

	/**
	 * Reads the stat totals of the account's domains for the one time bucket that holds the timestamp
	 * ({@code GET /v3/stats/total/domains}).
	 * @param query the events and the resolution; this endpoint reads no start, end or duration
	 * @param timestamp a time in the bucket
	 * @return the counts
	 * @deprecated Mailgun deprecated the Stats API in favour of the Metrics API: use
	 * {@link #metrics(MetricsQuery)} with the {@code domain} dimension
	 */
	@Deprecated
	default Mono<StatsResponse> accountStatsByDomain(StatsQuery query, Instant timestamp) {
		return accountStatsByDomain(query, timestamp, null);
	}

	/**
	 * Reads the stat totals of the account's domains for the one time bucket that holds the timestamp
	 * ({@code GET /v3/stats/total/domains}), passing Mailgun's {@code limit}, which pages through
	 * accounts with many domains.
	 * @param query the events and the resolution; this endpoint reads no start, end or duration
	 * @param timestamp a time in the bucket
	 * @param limit Mailgun's {@code limit}, or {@code null} to leave it out
	 * @return the counts
	 * @deprecated Mailgun deprecated the Stats API in favour of the Metrics API: use
	 * {@link #metrics(MetricsQuery)} with the {@code domain} dimension
	 */
	@Deprecated
	Mono<StatsResponse> accountStatsByDomain(StatsQuery query, Instant timestamp, @Nullable Integer limit);

	/**
	 * Reads the domain's counts per mailbox provider ({@code GET /v3/{domain}/aggregates/providers}).
	 * @return the counts by provider, such as {@code gmail.com}, in Mailgun's order
	 * @deprecated Mailgun deprecated the Stats API in favour of the Metrics API: use
	 * {@link #metrics(MetricsQuery)} with the {@code recipient_provider} dimension
	 */
	@Deprecated
	Mono<Map<String, AggregateCounts>> aggregatesByProvider();

	/**
	 * Reads the domain's counts per device type ({@code GET /v3/{domain}/aggregates/devices}).
	 * @return the counts by device type, such as {@code mobile}, in Mailgun's order
	 * @deprecated Mailgun deprecated the Stats API in favour of the Metrics API: use
	 * {@link #metrics(MetricsQuery)} with the {@code device} dimension
	 */
	@Deprecated
	Mono<Map<String, AggregateCounts>> aggregatesByDevice();

	/**
	 * Reads the domain's counts per recipient country ({@code GET /v3/{domain}/aggregates/countries}).
	 * @return the counts by country code, such as {@code us}, in Mailgun's order
	 * @deprecated Mailgun deprecated the Stats API in favour of the Metrics API: use
	 * {@link #metrics(MetricsQuery)} with the {@code country} dimension
	 */
	@Deprecated
	Mono<Map<String, AggregateCounts>> aggregatesByCountry();

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
