package io.github.springmailgun.analytics;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.ApiRequest;
import io.github.springmailgun.internal.Bodies;
import io.github.springmailgun.internal.Json;
import io.github.springmailgun.internal.MailgunDates;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.internal.Paging;
import io.github.springmailgun.internal.Paging.LinkPage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;

/**
 * {@link AnalyticsOperations} over Mailgun's HTTP API; the deprecated APIs are bound to one domain.
 */
public final class AnalyticsTemplate implements AnalyticsOperations {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	/** Stands for "the query's own token" in the paging cursor, which cannot be null. */
	private static final String QUERY_TOKEN = "";

	private final MailgunHttp http;

	private final String domain;

	/**
	 * Creates the operations.
	 * @param http the plumbing
	 * @param domain the sending domain of the deprecated domain-level APIs
	 */
	public AnalyticsTemplate(MailgunHttp http, String domain) {
		this.http = http;
		this.domain = domain;
	}

	@Override
	public Mono<MetricsResponse> metrics(MetricsQuery query) {
		return Mono.defer(() -> {
			requireQuery(query);
			URI uri = this.http.uri("/v1/analytics/metrics");
			// A query changes nothing, so it may be retried like a GET.
			ApiRequest request = new ApiRequest(HttpMethod.POST, uri, Bodies.json(query.toJson()), true);
			return this.http.exchange(request, body -> read(body, MetricsResponse.class));
		});
	}

	@Override
	public Mono<LogsPage> logsPage(LogsQuery query) {
		return Mono.defer(() -> logsPage(requireQuery(query), null));
	}

	@Override
	public Flux<LogEvent> logs(LogsQuery query) {
		return Flux.defer(() -> {
			LogsQuery checked = requireQuery(query);
			return Paging.follow(QUERY_TOKEN,
					token -> logsPage(checked, QUERY_TOKEN.equals(token) ? null : token), LogsPage::items,
					page -> nextToken(page.pagination().next()));
		});
	}

	private static @Nullable String nextToken(@Nullable String token) {
		return (token != null && !token.isBlank()) ? token : null;
	}

	private Mono<LogsPage> logsPage(LogsQuery query, @Nullable String token) {
		URI uri = this.http.uri("/v1/analytics/logs");
		ApiRequest request = new ApiRequest(HttpMethod.POST, uri, Bodies.json(query.toJson(token)), true);
		return this.http.exchange(request, AnalyticsTemplate::readLogsPage);
	}

	private static LogsPage readLogsPage(byte[] body) {
		JsonMapper mapper = Json.mapper();
		JsonNode root = Paging.readObject(body);
		List<LogEvent> items = new ArrayList<>();
		for (JsonNode item : root.path("items").values()) {
			if (item.isObject()) {
				items.add(mapper.treeToValue(item, LogEvent.class).withFields(mapper.treeToValue(item, MAP)));
			}
		}
		JsonNode pagination = root.path("pagination");
		JsonNode aggregates = root.path("aggregates");
		return new LogsPage(instant(root.path("start")), instant(root.path("end")), items,
				pagination.isObject() ? mapper.treeToValue(pagination, LogsPagination.class) : null,
				aggregates.isObject() ? mapper.treeToValue(aggregates, LogsAggregates.class) : null);
	}

	private static @Nullable Instant instant(JsonNode node) {
		String text = node.asString(null);
		return (text != null && !text.isBlank()) ? MailgunDates.parse(text) : null;
	}

	@Override
	@Deprecated
	public Mono<StatsResponse> stats(StatsQuery query) {
		return Mono.defer(() -> {
			URI uri = requireQuery(query).toQuery().toUri(this.http, "/v3/{domain}/stats/total", this.domain);
			return this.http.exchange(ApiRequest.of(HttpMethod.GET, uri), body -> read(body, StatsResponse.class));
		});
	}

	@Override
	@Deprecated
	public Flux<Event> events(EventsQuery query) {
		return Flux.defer(() -> {
			URI first = requireQuery(query).toQuery().toUri(this.http, "/v3/{domain}/events", this.domain);
			return Paging.follow(first.toString(), this::eventsPage, LinkPage::items, LinkPage::next);
		});
	}

	@SuppressWarnings("deprecation")
	private Mono<LinkPage<Event>> eventsPage(String url) {
		return Mono.defer(() -> {
			// Paging links are absolute URLs from a response: the key goes only to hosts we trust.
			URI uri = this.http.trustedHosts().require("paging.next", url);
			JsonMapper mapper = Json.mapper();
			return this.http.exchange(ApiRequest.of(HttpMethod.GET, uri), body -> Paging.readLinkPage(body,
					item -> mapper.treeToValue(item, Event.class).withFields(mapper.treeToValue(item, MAP))));
		});
	}

	private static <T> T read(byte[] body, Class<T> type) {
		T value = Json.mapper().readValue(body, type);
		if (value == null) {
			throw new IllegalArgumentException("empty body");
		}
		return value;
	}

	private static <Q> Q requireQuery(@Nullable Q query) {
		if (query == null) {
			throw new MailgunValidationException("query", "must not be null");
		}
		return query;
	}

}
