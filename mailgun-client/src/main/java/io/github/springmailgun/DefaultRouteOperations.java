package io.github.springmailgun;

import java.net.URI;
import java.util.List;

import io.github.springmailgun.error.MailgunNotFoundException;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.Bodies;
import io.github.springmailgun.internal.Json;
import io.github.springmailgun.internal.Paging;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.internal.Parameters;
import io.github.springmailgun.internal.RequestBody;
import io.github.springmailgun.internal.ResponseFields;
import io.github.springmailgun.route.Route;
import io.github.springmailgun.route.RouteAction;
import io.github.springmailgun.route.RouteDeletion;
import io.github.springmailgun.route.RouteExpression;
import io.github.springmailgun.route.RouteOperations;
import io.github.springmailgun.route.RoutePage;
import io.github.springmailgun.route.RouteRequest;
import io.github.springmailgun.route.RouteUpdate;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

/**
 * {@link RouteOperations} over the client's HTTP plumbing. Routes are account-wide, so no path names
 * the bound domain. Forms are sent as {@code application/x-www-form-urlencoded} with {@code action}
 * repeated, as Mailgun's OpenAPI document gives them. Created by {@link MailgunTemplate}; thread-safe.
 */
final class DefaultRouteOperations extends AbstractAreaOperations implements RouteOperations {

	private static final String ROUTES = "/v3/routes";

	private static final String ROUTE = ROUTES + "/{id}";

	DefaultRouteOperations(MailgunHttp http, String domain) {
		super(http, domain);
	}

	@Override
	public Mono<Route> create(RouteRequest request) {
		return Mono.defer(() -> {
			requireNonNull("route", request);
			RequestBody form = form(request.priority(), request.description(), request.expression(),
					request.actions());
			// A repeated create would store a second route: never retried after it may have arrived.
			return exchange(HttpMethod.POST, this.http.uri(ROUTES), form, false, DefaultRouteOperations::readRoute);
		});
	}

	@Override
	public Mono<Route> get(String id) {
		return Mono.defer(() -> get(routeUri(id), DefaultRouteOperations::readRoute));
	}

	@Override
	public Flux<Route> list() {
		return list(MAX_PAGE_SIZE);
	}

	@Override
	public Flux<Route> list(int pageSize) {
		return Flux.defer(() -> {
			int limit = requireLimit(pageSize, MAX_PAGE_SIZE);
			// The cursor is the skip of the next page; the paginator stops at an empty page or no cursor.
			return Paging.follow("0", (skip) -> listPage(Integer.parseInt(skip), limit), RoutePage::items,
					(page) -> page.hasNext() ? String.valueOf(page.nextSkip()) : null);
		});
	}

	@Override
	public Mono<RoutePage> listPage(int skip, int limit) {
		return Mono.defer(() -> {
			if (skip < 0) {
				throw new MailgunValidationException("skip", "must be 0 or more, was " + skip);
			}
			URI uri = new Parameters().add("skip", skip).add("limit", requireLimit(limit, MAX_PAGE_SIZE)).toUri(this.http, ROUTES);
			return get(uri, (body) -> readPage(body, skip, limit));
		});
	}

	@Override
	public Mono<RoutePage> nextPage(RoutePage page) {
		return Mono.defer(() -> requireNonNull("page", page).hasNext() ? listPage(page.nextSkip(), page.limit())
				: Mono.empty());
	}

	@Override
	public Mono<Route> update(String id, RouteUpdate update) {
		return Mono.defer(() -> {
			URI uri = routeUri(id);
			requireNonNull("route", update);
			RequestBody form = form(update.priority(), update.description(), update.expression(), update.actions());
			// Setting the same values again changes nothing: safe to retry.
			return exchange(HttpMethod.PUT, uri, form, true, DefaultRouteOperations::readRoute);
		});
	}

	@Override
	public Mono<RouteDeletion> delete(String id) {
		return Mono.defer(() -> exchange(HttpMethod.DELETE, routeUri(id), null, true, (body) -> {
			JsonNode root = ResponseFields.object(body);
			String deleted = ResponseFields.text(root, "id");
			String message = ResponseFields.text(root, "message");
			return new RouteDeletion((deleted != null) ? deleted : id, (message != null) ? message : "");
		}));
	}

	@Override
	public Mono<Route> match(String address) {
		return Mono.defer(() -> get(new Parameters().add("address", requireKey("address", address)).toUri(this.http,
				ROUTES + "/match"), DefaultRouteOperations::readRoute))
			// Mailgun answers 404 "Route not found" when no route matches: an answer, not a failure.
			.onErrorResume(MailgunNotFoundException.class, (ex) -> Mono.empty());
	}

	private URI routeUri(String id) {
		return this.http.uri(ROUTE, requireKey("id", id));
	}

	/** The fields of a create or an update; an update leaves out what it does not change. */
	private static RequestBody form(@Nullable Integer priority, @Nullable String description,
			@Nullable RouteExpression expression, List<RouteAction> actions) {
		return Bodies.form(new Parameters().add("priority", priority)
			.add("description", description)
			.add("expression", (expression != null) ? expression.value() : null)
			.addAll("action", actions.stream().map(RouteAction::value).toList())
			.toForm());
	}

	private static RoutePage readPage(byte[] body, int skip, int limit) {
		JsonNode root = ResponseFields.object(body);
		return new RoutePage(skip, limit, root.path("total_count").asInt(0),
				Paging.readItems(root.path("items"), DefaultRouteOperations::route));
	}

	/**
	 * Reads a route from any of Mailgun's answers: wrapped ({@code {"route": {...}}}, with or without a
	 * {@code message}) as the OpenAPI document shows, or bare as the PUT answers in practice.
	 */
	private static Route readRoute(byte[] body) {
		JsonNode root = ResponseFields.object(body);
		JsonNode wrapped = root.get("route");
		return route((wrapped != null && wrapped.isObject()) ? wrapped : root);
	}

	private static Route route(JsonNode node) {
		if (ResponseFields.text(node, "id") == null) {
			throw new IllegalArgumentException("no 'id' in the route");
		}
		return Json.mapper().treeToValue(node, Route.class);
	}

}
