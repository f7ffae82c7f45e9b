package io.github.springmailgun;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.analytics.AggregateCounts;
import io.github.springmailgun.analytics.AnalyticsOperations;
import io.github.springmailgun.analytics.EventsQuery;
import io.github.springmailgun.analytics.LogsAggregates;
import io.github.springmailgun.analytics.LogsPage;
import io.github.springmailgun.analytics.LogsPagination;
import io.github.springmailgun.analytics.LogsQuery;
import io.github.springmailgun.analytics.MetricsQuery;
import io.github.springmailgun.analytics.MetricsResponse;
import io.github.springmailgun.analytics.StatsGroup;
import io.github.springmailgun.analytics.StatsQuery;
import io.github.springmailgun.analytics.StatsResponse;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.event.MailgunEvent;
import io.github.springmailgun.internal.ApiPaths;
import io.github.springmailgun.internal.Bodies;
import io.github.springmailgun.internal.Json;
import io.github.springmailgun.internal.MailgunDates;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.internal.Paging;
import io.github.springmailgun.internal.Paging.LinkPage;
import io.github.springmailgun.internal.Parameters;
import io.github.springmailgun.internal.ResponseFields;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

/**
 * {@link AnalyticsOperations} over the client's HTTP plumbing: the account-level v1 APIs, and the
 * deprecated v3 APIs bound to one domain. The queries carry their wire names, so the client's mapper
 * writes the JSON bodies and query strings. Created by {@link MailgunTemplate}; thread-safe.
 */
final class DefaultAnalyticsOperations extends AbstractAreaOperations implements AnalyticsOperations {

	DefaultAnalyticsOperations(MailgunHttp http, String domain) {
		super(http, domain);
	}

	@Override
	public Mono<MetricsResponse> metrics(MetricsQuery query) {
		return Mono.defer(() -> post("/v1/analytics/metrics", requireNonNull("query", query),
				(body) -> Json.read(body, MetricsResponse.class)));
	}

	@Override
	public Mono<LogsPage> logsPage(LogsQuery query) {
		return Mono.defer(() -> post("/v1/analytics/logs", requireNonNull("query", query),
				DefaultAnalyticsOperations::readLogsPage));
	}

	@Override
	public Flux<MailgunEvent> logs(LogsQuery query) {
		return Flux.defer(() -> {
			LogsQuery first = requireNonNull("query", query);
			// The empty cursor stands for the query's own token, which may be none.
			String token = first.token();
			return Paging.follow((token != null) ? token : "",
					(cursor) -> logsPage(cursor.isEmpty() ? first : first.withToken(cursor)), LogsPage::items,
					(page) -> page.pagination().next());
		});
	}

	@Override
	@Deprecated
	public Mono<StatsResponse> stats(StatsQuery query) {
		return Mono.defer(() -> get(
				Parameters.of(requireNonNull("query", query)).toUri(this.http, "/v3/{domain}/stats/total", this.domain),
				(body) -> Json.read(body, StatsResponse.class)));
	}

	@Override
	@Deprecated
	public Mono<StatsResponse> accountStats(StatsQuery query) {
		return Mono.defer(() -> stats(Parameters.of(requireNonNull("query", query)), "/v3/stats/total"));
	}

	@Override
	@Deprecated
	public Mono<StatsResponse> accountStats(StatsQuery query, @Nullable String filter, @Nullable StatsGroup group) {
		return Mono.defer(() -> {
			if (filter != null && (filter.indexOf(':') < 1 || filter.endsWith(":"))) {
				throw new MailgunValidationException("filter", "must be a key and a value, such as domain:mg.example.com");
			}
			return stats(Parameters.of(requireNonNull("query", query))
				.add("filter", filter)
				.add("group", (group != null) ? group.value() : null), "/v3/stats/filter");
		});
	}

	@Override
	@Deprecated
	public Mono<StatsResponse> accountStatsByDomain(StatsQuery query, Instant timestamp, @Nullable Integer limit) {
		return Mono.defer(() -> {
			Map<?, ?> members = Json.mapper().convertValue(requireNonNull("query", query), Map.class);
			for (String period : List.of("start", "end", "duration")) {
				if (members.containsKey(period)) {
					throw new MailgunValidationException(period,
							"is not read by /v3/stats/total/domains, which reads the bucket at 'timestamp'");
				}
			}
			return stats(Parameters.of(members)
				.add("timestamp", MailgunDates.format(requireNonNull("timestamp", timestamp)))
				.add("limit", limit), "/v3/stats/total/domains");
		});
	}

	@Override
	@Deprecated
	public Mono<Map<String, AggregateCounts>> aggregatesByProvider() {
		return aggregates("providers");
	}

	@Override
	@Deprecated
	public Mono<Map<String, AggregateCounts>> aggregatesByDevice() {
		return aggregates("devices");
	}

	@Override
	@Deprecated
	public Mono<Map<String, AggregateCounts>> aggregatesByCountry() {
		return aggregates("countries");
	}

	@SuppressWarnings("deprecation")
	private Mono<StatsResponse> stats(Parameters parameters, String path) {
		return get(parameters.toUri(this.http, path), (body) -> Json.read(body, StatsResponse.class));
	}

	/** Reads {@code {"<kind>": {"<name>": {counts}}}}; a missing section has no entries. */
	@SuppressWarnings("deprecation")
	private Mono<Map<String, AggregateCounts>> aggregates(String kind) {
		return get(this.http.uri("/v3/{domain}/aggregates/{kind}", this.domain, kind), (body) -> {
			Map<String, AggregateCounts> counts = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : ResponseFields.object(body).path(kind).properties()) {
				if (entry.getValue().isObject()) {
					counts.put(entry.getKey(), Json.mapper().treeToValue(entry.getValue(), AggregateCounts.class));
				}
			}
			return Collections.unmodifiableMap(counts);
		});
	}

	@Override
	@Deprecated
	public Flux<MailgunEvent> events(EventsQuery query) {
		return Flux.defer(() -> {
			URI first = Parameters.of(requireNonNull("query", query)).toUri(this.http, "/v3/{domain}/events", this.domain);
			// Mailgun's links add a page token to the path: /v3/{domain}/events/{token}.
			return Paging.links(this.http, first, ApiPaths.list(first.getRawPath() + "/**"),
					(body) -> Paging.readLinkPage(body, MailgunEvent::fromJson), LinkPage::items, LinkPage::next);
		});
	}

	private <T> Mono<T> post(String path, Object query, MailgunHttp.ResponseReader<T> reader) {
		// A query changes nothing, so it may be retried like a GET.
		return exchange(HttpMethod.POST, this.http.uri(path), Bodies.json(query), true, reader);
	}

	private static LogsPage readLogsPage(byte[] body) {
		JsonNode root = ResponseFields.object(body);
		JsonNode pagination = root.path("pagination");
		JsonNode aggregates = root.path("aggregates");
		return new LogsPage(instant(root.path("start")), instant(root.path("end")),
				Paging.readItems(root.path("items"), MailgunEvent::fromJson),
				pagination.isObject() ? Json.mapper().treeToValue(pagination, LogsPagination.class)
						: new LogsPagination(null, null, null, null, null),
				aggregates.isObject() ? Json.mapper().treeToValue(aggregates, LogsAggregates.class) : null);
	}

	private static @Nullable Instant instant(JsonNode node) {
		String text = node.asString(null);
		return (text != null && !text.isBlank()) ? MailgunDates.parse(text) : null;
	}

}
