package io.github.springmailgun.test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The endpoints of the events: Mailgun's Events API ({@code GET /v3/{domain}/events}, its next pages at
 * {@code /v3/{domain}/events/{token}}), the Logs API ({@code POST /v1/analytics/logs}), and the mock's
 * control ({@code GET /mock/events}, {@code POST} and {@code DELETE /mock/outcomes}). Pages are cut by
 * {@link MockPaging#select}; a page token is the Base64 of the query of the page it stands for.
 */
final class EventEndpoints {

	private static final int EVENTS_LIMIT = 300;

	private static final int LOGS_LIMIT = 100;

	/** The Events API's filters the mock supports, and its other parameters. */
	private static final Set<String> EVENTS_PARAMETERS = Set.of("begin", "end", "ascending", "limit", "page", "pivot",
			"event", "recipient", "message-id", "from", "to", "subject", "tags", "severity");

	private final MockEvents events;

	EventEndpoints(MockEvents events) {
		this.events = events;
	}

	void register(MockRoutes routes) {
		routes.api("GET", "/v3/{domain}/events", this::events)
			.api("GET", "/v3/{domain}/events/{token}", this::eventsByToken)
			.api("POST", "/v1/analytics/logs", this::logs)
			.control("GET", "/mock/events", call -> MockAnswer.ok(Map.of("items",
					this.events.all().stream().map(MockEvent::data).toList()), "events"))
			.control("POST", "/mock/outcomes", this::script)
			.control("DELETE", "/mock/outcomes", call -> {
				this.events.clearScripts();
				return MockAnswer.ok(Map.of("message", "Outcomes removed"), "outcomes removed");
			});
	}

	private MockAnswer events(MockCall call) {
		for (String name : call.queryNames()) {
			if (!EVENTS_PARAMETERS.contains(name)) {
				throw new BadRequestException("The mock does not support the filter '" + Texts.abbreviate(name) + "'");
			}
		}
		int limit = MockPaging.limit(call, 100, EVENTS_LIMIT);
		Instant begin = EventFilters.time(call, "begin");
		Instant end = EventFilters.time(call, "end");
		String ascendingText = call.query("ascending");
		boolean ascending = (ascendingText != null) ? ascendingText.equalsIgnoreCase("yes")
				: (begin != null && end != null && !begin.isAfter(end));
		Instant from = (begin != null && end != null && begin.isAfter(end)) ? end : begin;
		Instant to = (begin != null && end != null && begin.isAfter(end)) ? begin : end;
		Predicate<MockEvent> filter = event -> event.domain().equalsIgnoreCase(call.domain().name())
				&& (from == null || !event.timestamp().isBefore(from)) && (to == null || !event.timestamp().isAfter(to));
		for (String name : call.queryNames()) {
			Function<MockEvent, List<String>> field = EventFilters.eventsField(name);
			if (field != null) {
				for (String expression : call.queryAll(name)) {
					filter = filter.and(event -> EventFilters.matchesAny(field.apply(event), expression, EventFilters.contains(name)));
				}
			}
		}
		List<MockEvents.Recorded> ordered = ordered(filter, ascending);
		Function<MockEvents.Recorded, String> key = key(ascending);
		List<MockEvents.Recorded> items = MockPaging.select(ordered, key, call.query("page"), call.query("pivot"),
				limit);
		String base = call.url();
		StringJoiner fixed = new StringJoiner("&");
		for (String name : call.queryNames()) {
			if (!name.equals("page") && !name.equals("pivot") && !name.equals("limit")) {
				call.queryAll(name).forEach(value -> fixed.add(name + "=" + encode(value)));
			}
		}
		fixed.add("limit=" + limit);
		Map<String, String> paging = new LinkedHashMap<>();
		paging.put("first", base + "/" + token(fixed + "&page=first"));
		paging.put("last", base + "/" + token(fixed + "&page=last"));
		paging.put("next", base + "/" + token(fixed + "&page=next" + pivot(items, key, items.size() - 1, call)));
		paging.put("previous", base + "/" + token(fixed + "&page=previous" + pivot(items, key, 0, call)));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", items.stream().map(recorded -> recorded.event().data()).toList());
		body.put("paging", paging);
		return MockAnswer.ok(body, items.size() + " events");
	}

	/** A following page: the token holds the query that asks for it. */
	private MockAnswer eventsByToken(MockCall call) {
		String query = untoken(call.variable("token"));
		String path = call.rawPath().substring(0, call.rawPath().lastIndexOf('/'));
		return events(new MockCall(call.method(), path, query, Map.of("domain", call.variable("domain")),
				call::header, new byte[0], call.domain(), call.baseUrl()));
	}

	private MockAnswer logs(MockCall call) {
		Map<String, Object> query = call.json();
		Instant end = (query.get("end") != null) ? MockDates.parse("end", String.valueOf(query.get("end"))) : this.events.clock().now();
		Instant start = (query.get("start") != null) ? MockDates.parse("start", String.valueOf(query.get("start"))) : end.minus(Duration.ofDays(1));
		if (query.get("duration") != null) {
			start = end.minus(EventFilters.duration(String.valueOf(query.get("duration"))));
		}
		Instant from = start;
		Predicate<MockEvent> filter = event -> !event.timestamp().isBefore(from) && !event.timestamp().isAfter(end);
		List<String> names = new ArrayList<>(EventFilters.strings(query.get("events")));
		for (String metric : EventFilters.strings(query.get("metric_events"))) {
			names.add(metric.replaceAll("_.*", ""));
		}
		if (!names.isEmpty()) {
			filter = filter.and(event -> names.stream().anyMatch(name -> name.replace("unique_", "").equals(event.event())));
		}
		filter = filter.and(EventFilters.logsFilter(query.get("filter")));
		Map<String, Object> pagination = EventFilters.object(query.get("pagination"));
		boolean ascending = "timestamp:asc".equals(pagination.get("sort"));
		int limit = logsLimit(pagination.get("limit"));
		String page = null;
		String pivot = null;
		if (pagination.get("token") != null) {
			String[] position = untoken(String.valueOf(pagination.get("token"))).split("\\|", 2);
			page = position[0];
			pivot = (position.length > 1) ? position[1] : null;
		}
		List<MockEvents.Recorded> ordered = ordered(filter, ascending);
		Function<MockEvents.Recorded, String> key = key(ascending);
		List<MockEvents.Recorded> items = MockPaging.select(ordered, key, page, pivot, limit);
		Map<String, Object> links = new LinkedHashMap<>();
		links.put("previous", token("previous|" + (items.isEmpty() ? nullToEmpty(pivot) : key.apply(items.get(0)))));
		links.put("next", token("next|" + (items.isEmpty() ? nullToEmpty(pivot) : key.apply(items.get(items.size() - 1)))));
		links.put("first", token("first"));
		links.put("last", token("last"));
		if (Boolean.TRUE.equals(query.get("include_totals"))) {
			links.put("total", ordered.size());
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("start", MockDates.withOffset(start));
		body.put("end", MockDates.withOffset(end));
		body.put("items", items.stream().map(recorded -> EventWriter.logEntry(recorded.event())).toList());
		body.put("pagination", links);
		body.put("aggregates", Map.of());
		return MockAnswer.ok(body, items.size() + " log entries");
	}

	private MockAnswer script(MockCall call) {
		Map<String, Object> body = call.json();
		Object recipient = body.get("recipient");
		Object outcome = body.get("outcome");
		if (!(recipient instanceof String pattern) || !(outcome instanceof String name)) {
			throw new BadRequestException("'recipient' (a regular expression) and 'outcome' are required");
		}
		MockOutcome scripted;
		try {
			Object url = body.get("url");
			scripted = MockOutcome.named(name, pattern, (url != null) ? String.valueOf(url) : null);
			if (body.get("delay") != null) {
				scripted = scripted.after(Duration.parse(String.valueOf(body.get("delay"))));
			}
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			throw new BadRequestException(String.valueOf(ex.getMessage()));
		}
		this.events.script(scripted);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("message", "Outcome scripted");
		answer.put("outcome", scripted.toString());
		return MockAnswer.ok(answer, scripted.toString());
	}

	private List<MockEvents.Recorded> ordered(Predicate<MockEvent> filter, boolean ascending) {
		Comparator<MockEvents.Recorded> byTime = Comparator
			.comparing((MockEvents.Recorded recorded) -> recorded.event().timestamp())
			.thenComparingLong(MockEvents.Recorded::sequence);
		return this.events.recorded()
			.stream()
			.filter(recorded -> filter.test(recorded.event()))
			.sorted(ascending ? byTime : byTime.reversed())
			.toList();
	}

	/** A key that ascends along the list in either order: time in microseconds and the sequence. */
	private static Function<MockEvents.Recorded, String> key(boolean ascending) {
		return recorded -> {
			Instant at = recorded.event().timestamp();
			long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
			long sequence = recorded.sequence();
			return ascending ? String.format(Locale.ROOT, "%020d-%020d", micros, sequence)
					: String.format(Locale.ROOT, "%020d-%020d", Long.MAX_VALUE - micros, Long.MAX_VALUE - sequence);
		};
	}

	private static String pivot(List<MockEvents.Recorded> items, Function<MockEvents.Recorded, String> key, int index,
			MockCall call) {
		String pivot = items.isEmpty() ? call.query("pivot") : key.apply(items.get(index));
		return (pivot != null) ? "&pivot=" + pivot : "";
	}









	private static int logsLimit(@Nullable Object value) {
		if (value == null) {
			return LOGS_LIMIT;
		}
		if (!(value instanceof Number number) || number.intValue() < 1 || number.intValue() > LOGS_LIMIT) {
			throw new BadRequestException("Invalid pagination.limit: must be between 1 and " + LOGS_LIMIT);
		}
		return number.intValue();
	}

	private static String token(String query) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(query.getBytes(StandardCharsets.UTF_8));
	}

	private static String untoken(String token) {
		try {
			return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestException("Invalid page token");
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String nullToEmpty(@Nullable String text) {
		return (text != null) ? text : "";
	}



}
