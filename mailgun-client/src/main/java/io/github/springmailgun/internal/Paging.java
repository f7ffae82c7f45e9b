package io.github.springmailgun.internal;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

/**
 * The client's one paginator: turns Mailgun's paged lists into one lazy {@link Flux} of items. A page is
 * requested only when the subscriber wants more items than the pages so far held, after the previous page
 * was delivered in full; cancelling stops further requests. The sequence ends at the first page that is
 * empty, that has no next cursor (missing or blank), or whose next cursor is the one it was fetched with:
 * Mailgun links even its last page to a following, empty one, and a link back to the same page would
 * loop forever. A cursor is an absolute URL for the v3 APIs, checked with {@link TrustedHosts} (host) and
 * {@link ApiPaths} (the list's own path) before the API key goes with it, and a token for the v1 analytics
 * APIs.
 */
public final class Paging {

	private Paging() {
	}

	/**
	 * Follows pages from a first cursor.
	 * @param <P> the page type
	 * @param <T> the item type
	 * @param first the cursor of the first page
	 * @param fetch requests the page at a cursor
	 * @param items the items of a page
	 * @param next the cursor of the page after a page, or {@code null} when there is none
	 * @return the items of all pages, in order
	 */
	public static <P, T> Flux<T> follow(String first, Function<String, Mono<P>> fetch,
			Function<? super P, List<T>> items, Function<? super P, @Nullable String> next) {
		return Flux.defer(() -> {
			// Written by the page just fetched, read by generate() only after that page's items were delivered.
			AtomicReference<@Nullable String> cursor = new AtomicReference<>(first);
			Function<String, Flux<T>> fetchItems = current -> fetch.apply(current).flatMapIterable(page -> {
				List<T> pageItems = items.apply(page);
				String following = next.apply(page);
				if (!pageItems.isEmpty() && following != null && !following.isBlank() && !following.equals(current)) {
					cursor.set(following);
				}
				return pageItems;
			});
			return Flux.<String>generate(sink -> {
				String current = cursor.getAndSet(null);
				if (current != null) {
					sink.next(current);
				}
				else {
					sink.complete();
				}
			}).concatMap(current -> onDemand(current, fetchItems), 0);
		});
	}

	/**
	 * Defers fetching a page until the subscriber asks for an item. {@code concatMap} without prefetch
	 * subscribes to the next page as soon as the previous one completes, and {@code flatMapIterable}
	 * requests its source at once; a hidden one-element source in front holds the request back until
	 * there is demand.
	 */
	private static <T> Flux<T> onDemand(String cursor, Function<String, Flux<T>> fetchItems) {
		return Flux.just(cursor).hide().concatMap(fetchItems, 0);
	}

	/**
	 * Follows the {@code paging.next} links of a v3 list from its first page; every link must lead to the
	 * first page's path, with another query.
	 * @param <P> the page type
	 * @param <T> the item type
	 * @param http the plumbing that fetches pages
	 * @param first the URL of the first page
	 * @param reader reads a page from a response body
	 * @param items the items of a page
	 * @param next the {@code paging.next} link of a page, or {@code null}
	 * @return the items of all pages, in order
	 */
	public static <P, T> Flux<T> links(MailgunHttp http, URI first, MailgunHttp.ResponseReader<P> reader,
			Function<? super P, List<T>> items, Function<? super P, @Nullable String> next) {
		return links(http, first, ApiPaths.list(first.getRawPath()), reader, items, next);
	}

	/**
	 * Follows the {@code paging.next} links of a v3 list from its first page, for lists whose links do not
	 * keep the first page's path (Mailgun's event links add a page token to it).
	 * @param <P> the page type
	 * @param <T> the item type
	 * @param http the plumbing that fetches pages
	 * @param first the URL of the first page
	 * @param shape the paths a link may have
	 * @param reader reads a page from a response body
	 * @param items the items of a page
	 * @param next the {@code paging.next} link of a page, or {@code null}
	 * @return the items of all pages, in order
	 */
	public static <P, T> Flux<T> links(MailgunHttp http, URI first, ApiPaths.Shape shape,
			MailgunHttp.ResponseReader<P> reader, Function<? super P, List<T>> items,
			Function<? super P, @Nullable String> next) {
		String firstLink = first.toString();
		return follow(firstLink, link -> link.equals(firstLink)
				? http.exchange(ApiRequest.of(HttpMethod.GET, first), reader) : page(http, link, shape, reader),
				items, next);
	}

	/**
	 * Fetches the page a link points to, refusing before any request a host that is not trusted with the
	 * API key or a path that is not the list's: paging links are absolute URLs from responses.
	 * @param <P> the page type
	 * @param http the plumbing that fetches the page
	 * @param link the absolute URL
	 * @param shape the paths the link may have
	 * @param reader reads the page from the response body
	 * @return the page
	 */
	public static <P> Mono<P> page(MailgunHttp http, String link, ApiPaths.Shape shape,
			MailgunHttp.ResponseReader<P> reader) {
		return Mono.defer(() -> http.exchange(
				ApiRequest.of(HttpMethod.GET, http.trustedHosts().require("paging.next", link, shape)), reader));
	}

	/**
	 * Reads a page of the v3 APIs: objects under {@code items} and an absolute URL under
	 * {@code paging.next}. Items that are not objects are skipped.
	 * @param <T> the item type
	 * @param body the JSON response
	 * @param itemReader reads one item
	 * @return the page
	 */
	public static <T> LinkPage<T> readLinkPage(byte[] body, Function<JsonNode, T> itemReader) {
		JsonNode root = ResponseFields.object(body);
		return new LinkPage<>(readItems(root.path("items"), itemReader),
				root.path("paging").path("next").asString(null));
	}

	/**
	 * Reads the objects of a JSON array, skipping other elements; a missing array has no items.
	 * @param <T> the item type
	 * @param array the array
	 * @param itemReader reads one item
	 * @return the items
	 */
	public static <T> List<T> readItems(JsonNode array, Function<JsonNode, T> itemReader) {
		return array.valueStream().filter(JsonNode::isObject).map(itemReader).toList();
	}

	/**
	 * Reads a page of the v3 APIs whose items bind to a type.
	 * @param <T> the item type
	 * @param body the JSON response
	 * @param itemType the type items bind to
	 * @return the page
	 */
	public static <T> LinkPage<T> readLinkPage(byte[] body, Class<T> itemType) {
		return readLinkPage(body, item -> Json.mapper().treeToValue(item, itemType));
	}

	/**
	 * A page of a v3 list.
	 *
	 * @param <T> the item type
	 * @param items the items of the page
	 * @param next the absolute URL of the next page, not yet checked against the trusted hosts
	 */
	public record LinkPage<T>(List<T> items, @Nullable String next) {
	}

}
