package io.github.springmailgun.route;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The routes of the account ({@code /v3/routes}): what Mailgun does with the mail it receives.
 * Obtained from {@code mailgun.routes()}. Routes are account-wide, not per domain: every
 * {@code forDomain(...)} view sees the same routes, and a route's expression decides which domains it
 * applies to.
 *
 * <p>
 * Lists come two ways, as for the other areas: a {@link Flux} of every route, which requests the next
 * page only when the previous one is used up and stops when the subscriber cancels, and single pages
 * with Mailgun's {@code total_count}. Unlike Mailgun's other lists, routes are paged by position
 * ({@code skip}, {@code limit} up to 1,000).
 */
public interface RouteOperations {

	/** The largest page Mailgun serves: 1,000 routes. */
	int MAX_PAGE_SIZE = 1000;

	/**
	 * Creates a route ({@code POST /v3/routes}). Never retried after the request may have reached
	 * Mailgun: a second call would create a second route.
	 * @param request the route
	 * @return the created route
	 */
	Mono<Route> create(RouteRequest request);

	/**
	 * Fetches a route ({@code GET /v3/routes/{id}}); an unknown id fails with
	 * {@link io.github.springmailgun.error.MailgunNotFoundException}.
	 * @param id the route's id
	 * @return the route
	 */
	Mono<Route> get(String id);

	/**
	 * Returns every route of the account, 1,000 per request.
	 * @return the routes, in Mailgun's order
	 */
	Flux<Route> list();

	/**
	 * Returns every route of the account, moving {@code skip} on by each page.
	 * @param pageSize how many routes to request at a time, 1 to 1,000
	 * @return the routes, in Mailgun's order
	 */
	Flux<Route> list(int pageSize);

	/**
	 * Fetches one page of routes ({@code GET /v3/routes?skip=...&limit=...}).
	 * @param skip how many routes to skip, 0 or more
	 * @param limit how many routes, 1 to 1,000
	 * @return the page, with the account's total
	 */
	Mono<RoutePage> listPage(int skip, int limit);

	/**
	 * Fetches the page after the given one, of the same size.
	 * @param page a page fetched before
	 * @return the next page, or no page when the given one reached the total
	 */
	Mono<RoutePage> nextPage(RoutePage page);

	/**
	 * Changes a route ({@code PUT /v3/routes/{id}}): only the values the update sets.
	 * @param id the route's id
	 * @param update the values to change
	 * @return the route as changed
	 */
	Mono<Route> update(String id, RouteUpdate update);

	/**
	 * Deletes a route ({@code DELETE /v3/routes/{id}}).
	 * @param id the route's id
	 * @return Mailgun's answer
	 */
	Mono<RouteDeletion> delete(String id);

	/**
	 * Finds the route that an address matches ({@code GET /v3/routes/match?address=...}), to check
	 * routes before mail arrives.
	 * @param address the recipient address
	 * @return the matching route, or no route when none matches (Mailgun's 404)
	 */
	Mono<Route> match(String address);

}
