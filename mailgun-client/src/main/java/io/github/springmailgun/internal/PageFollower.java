package io.github.springmailgun.internal;

import java.net.URI;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

/**
 * Walks Mailgun's paged lists by their {@code paging.next} links. A page is requested only after the
 * previous one has been handed on entirely, so a subscriber that cancels stops the walk; the walk ends
 * at the first empty page (Mailgun always returns a {@code next} link, even on the last page). Every
 * link is checked with {@link TrustedHosts} before the API key is sent with it.
 *
 * @param <P> the page type
 * @param <T> the item type
 */
public final class PageFollower<P, T> {

	private final MailgunHttp http;

	private final MailgunHttp.ResponseReader<P> reader;

	private final Function<P, List<T>> items;

	private final Function<P, @Nullable String> next;

	/**
	 * Creates a follower for one kind of page.
	 * @param http the plumbing that fetches pages
	 * @param reader reads a page from a response body
	 * @param items the items of a page
	 * @param next the {@code paging.next} link of a page, or {@code null}
	 */
	public PageFollower(MailgunHttp http, MailgunHttp.ResponseReader<P> reader, Function<P, List<T>> items,
			Function<P, @Nullable String> next) {
		this.http = http;
		this.reader = reader;
		this.items = items;
		this.next = next;
	}

	/**
	 * Fetches one page.
	 * @param uri the page URL, already trusted
	 * @return the page
	 */
	public Mono<P> page(URI uri) {
		return this.http.exchange(ApiRequest.of(HttpMethod.GET, uri), this.reader);
	}

	/**
	 * Fetches the page a link of another page points to, refusing a link to a host that is not trusted
	 * with the API key before any request.
	 * @param parameter the name of the link, for the error ({@code paging.next})
	 * @param link the absolute URL from the response
	 * @return the page
	 */
	public Mono<P> page(String parameter, String link) {
		return Mono.defer(() -> page(this.http.trustedHosts().require(parameter, link)));
	}

	/**
	 * Returns every item from the first page on, following {@code paging.next} lazily.
	 * @param first the URL of the first page
	 * @return the items, in Mailgun's order
	 */
	public Flux<T> items(URI first) {
		return Flux.defer(() -> itemsFrom(first));
	}

	private Flux<T> itemsFrom(URI uri) {
		return page(uri).flatMapMany(page -> {
			List<T> pageItems = this.items.apply(page);
			if (pageItems.isEmpty()) {
				return Flux.empty();
			}
			String link = this.next.apply(page);
			if (link == null || link.isBlank()) {
				return Flux.fromIterable(pageItems);
			}
			// Deferred: the link is checked, and the next page requested, only when this page is used up.
			return Flux.fromIterable(pageItems).concatWith(Flux.defer(() -> {
				URI nextUri = this.http.trustedHosts().require("paging.next", link);
				// A link back to the same page would loop for ever.
				return nextUri.equals(uri) ? Flux.<T>empty() : itemsFrom(nextUri);
			}));
		});
	}

}
