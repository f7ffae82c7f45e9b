package io.github.springmailgun.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Mailgun's Routes API ({@code /v3/routes}) over {@link MockInboundRoutes}, with the JSON shapes of
 * Mailgun's API reference: the list carries {@code total_count} and is paged by {@code skip} and
 * {@code limit} (at most 1,000); create answers {@code {"message", "route"}}; update answers the bare
 * route with a {@code message}, as Mailgun does in practice; an unknown id is 404
 * {@code Route not found}. Not to be confused with {@link MockRoutes}, the mock's table of HTTP endpoints.
 */
final class InboundRouteEndpoints {

	private static final int DEFAULT_LIMIT = 100;

	private static final int MAX_LIMIT = 1000;

	private static final String NOT_FOUND = "Route not found";

	private final MockInboundRoutes routes;

	InboundRouteEndpoints(MockInboundRoutes routes) {
		this.routes = routes;
	}

	void register(MockRoutes endpoints) {
		// Before /v3/routes/{id}, which would take "match" for an id.
		endpoints.api("GET", "/v3/routes/match", (call) -> locked(() -> match(call)))
			.api("GET", "/v3/routes", (call) -> locked(() -> list(call)))
			.api("POST", "/v3/routes", (call) -> locked(() -> create(call)))
			.api("GET", "/v3/routes/{id}", (call) -> locked(() -> get(call)))
			.api("PUT", "/v3/routes/{id}", (call) -> locked(() -> update(call)))
			.api("DELETE", "/v3/routes/{id}", (call) -> locked(() -> delete(call)));
	}

	private MockAnswer locked(java.util.function.Supplier<MockAnswer> handler) {
		return this.routes.locked(handler);
	}

	private MockAnswer list(MockCall call) {
		int skip = number(call.query("skip"), "skip", 0);
		if (skip < 0) {
			throw new BadRequestException("The 'skip' parameter can't be negative");
		}
		int limit = number(call.query("limit"), "limit", DEFAULT_LIMIT);
		if (limit > MAX_LIMIT) {
			throw new BadRequestException("The 'limit' parameter can't be larger than " + MAX_LIMIT);
		}
		if (limit < 1) {
			throw new BadRequestException("The 'limit' parameter must be positive");
		}
		List<MockRoute> all = this.routes.list();
		List<Object> items = new ArrayList<>();
		for (int i = skip; i < Math.min(all.size(), (long) skip + limit); i++) {
			items.add(all.get(i).json());
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("total_count", all.size());
		body.put("items", items);
		return MockAnswer.ok(body, "routes");
	}

	private MockAnswer create(MockCall call) {
		String expression = call.parameter("expression");
		if (expression == null || expression.isBlank()) {
			throw new BadRequestException("expression is required");
		}
		String description = call.parameter("description");
		MockRoute route = this.routes.store(number(call.parameter("priority"), "priority", 0),
				(description != null) ? description : "", expression, actions(call));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", "Route has been created");
		body.put("route", route.json());
		return MockAnswer.ok(body, "route " + route.id() + " created");
	}

	private MockAnswer get(MockCall call) {
		return this.routes.find(call.variable("id"))
			.map((route) -> MockAnswer.ok(Map.of("route", route.json()), "route " + route.id()))
			.orElseGet(() -> MockAnswer.json(404, NOT_FOUND));
	}

	private MockAnswer update(MockCall call) {
		String priority = call.parameter("priority");
		return this.routes
			.update(call.variable("id"), (priority != null) ? number(priority, "priority", 0) : null,
					call.parameter("description"), blankToNull(call.parameter("expression")), actions(call))
			.map((route) -> {
				Map<String, Object> body = route.json();
				body.put("message", "Route has been updated");
				return MockAnswer.ok(body, "route " + route.id() + " updated");
			})
			.orElseGet(() -> MockAnswer.json(404, NOT_FOUND));
	}

	private MockAnswer delete(MockCall call) {
		String id = call.variable("id");
		if (!this.routes.delete(id)) {
			return MockAnswer.json(404, NOT_FOUND);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", "Route has been deleted");
		body.put("id", id);
		return MockAnswer.ok(body, "route " + id + " deleted");
	}

	private MockAnswer match(MockCall call) {
		String address = call.query("address");
		if (address == null || address.isBlank()) {
			throw new BadRequestException("address is required");
		}
		List<MockRoute> matched = this.routes.matchingAll(address.strip(), Map.of());
		return matched.isEmpty() ? MockAnswer.json(404, NOT_FOUND)
				: MockAnswer.ok(Map.of("route", matched.get(0).json()), "route " + matched.get(0).id() + " matched");
	}

	private static List<String> actions(MockCall call) {
		return call.form().fields().getOrDefault("action", List.of());
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static int number(@Nullable String text, String name, int defaultValue) {
		if (text == null || text.isBlank()) {
			return defaultValue;
		}
		try {
			return Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new BadRequestException("The '" + name + "' parameter must be a number, was '"
					+ Texts.abbreviate(text) + "'");
		}
	}

}
