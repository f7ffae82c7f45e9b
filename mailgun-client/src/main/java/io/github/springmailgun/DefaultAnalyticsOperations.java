package io.github.springmailgun;

import java.net.URI;
import java.time.Instant;

import io.github.springmailgun.analytics.AnalyticsOperations;
import io.github.springmailgun.analytics.EventsQuery;
import io.github.springmailgun.analytics.LogsAggregates;
import io.github.springmailgun.analytics.LogsPage;
import io.github.springmailgun.analytics.LogsPagination;
import io.github.springmailgun.analytics.LogsQuery;
import io.github.springmailgun.analytics.MetricsQuery;
import io.github.springmailgun.analytics.MetricsResponse;
import io.github.springmailgun.analytics.StatsQuery;
import io.github.springmailgun.analytics.StatsResponse;
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
