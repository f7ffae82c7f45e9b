package io.github.springmailgun.route;

import java.util.List;

/**
 * One page of the routes of the account ({@code GET /v3/routes?skip=...&limit=...}). Unlike Mailgun's
 * other lists, routes are paged by position and the answer carries the total.
 *
 * @param skip how many routes come before this page
 * @param limit the page size that was asked for
 * @param totalCount how many routes the account has ({@code total_count})
 * @param items the routes of this page
 */
public record RoutePage(int skip, int limit, int totalCount, List<Route> items) {

	/**
	 * Copies the items.
	 */
	public RoutePage {
		items = List.copyOf(items);
	}

	/**
	 * Returns whether routes follow this page: it was not empty and did not reach the total.
	 * @return whether to ask for another page
	 */
	public boolean hasNext() {
		return !this.items.isEmpty() && (long) this.skip + this.items.size() < this.totalCount;
	}

	/**
	 * Returns the {@code skip} of the page after this one.
	 * @return this page's skip plus its number of routes
	 */
	public int nextSkip() {
		return this.skip + this.items.size();
	}

}
