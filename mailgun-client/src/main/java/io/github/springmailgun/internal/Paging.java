package io.github.springmailgun.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns Mailgun's paged lists into one lazy {@link Flux} of items. A page is requested only when the
 * subscriber wants more items than the pages so far held and the previous page was fully delivered;
 * cancelling stops further requests. The sequence ends at an empty page, a page without a next cursor,
 * or a next cursor equal to the current one (which would otherwise loop forever).
 */
public final class Paging {

	private Paging() {
	}

	/**
	 * Follows pages from a first cursor.
	 * @param <C> the cursor type: a URL for the v3 APIs, a token for the v1 analytics APIs
	 * @param <P> the page type
	 * @param <T> the item type
	 * @param first the cursor of the first page
	 * @param fetch requests the page at a cursor; it should check an absolute URL before any request
	 * @param items the items of a page
	 * @param next the cursor of the page after a page, or {@code null} when there is none
	 * @return the items of all pages, in order
	 */
	public static <C, P, T> Flux<T> follow(C first, Function<? super C, ? extends Mono<P>> fetch,
			Function<? super P, ? extends List<T>> items, Function<? super P, @Nullable C> next) {
		return Flux.defer(() -> {
			// Written by the page just fetched, read by generate() only after that page's items were delivered.
			AtomicReference<@Nullable C> cursor = new AtomicReference<>(first);
			Function<C, Flux<T>> fetchItems = current -> fetch.apply(current).flatMapIterable(page -> {
				List<T> pageItems = items.apply(page);
				if (!pageItems.isEmpty()) {
					C following = next.apply(page);
					if (following != null && !following.equals(current)) {
						cursor.set(following);
					}
				}
				return pageItems;
			});
			return Flux.<C>generate(sink -> {
				C current = cursor.getAndSet(null);
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
	private static <C, T> Flux<T> onDemand(C cursor, Function<C, Flux<T>> fetchItems) {
		return Flux.just(cursor).hide().concatMap(fetchItems, 0);
	}

	/**
	 * Reads a page of the v3 APIs: a list under {@code items} and an absolute URL under {@code paging.next}.
	 * @param <T> the item type
	 * @param body the JSON response
	 * @param itemType the type items bind to
	 * @return the page
	 */
	public static <T> LinkPage<T> readLinkPage(byte[] body, Class<T> itemType) {
		JsonNode root = readObject(body);
		return new LinkPage<>(readList(root.path("items"), itemType), nextLink(root));
	}

	/**
	 * Reads a page of the v3 APIs whose items need more than binding, such as keeping their raw JSON.
	 * @param <T> the item type
	 * @param body the JSON response
	 * @param itemReader reads one item
	 * @return the page
	 */
	public static <T> LinkPage<T> readLinkPage(byte[] body, Function<JsonNode, T> itemReader) {
		JsonNode root = readObject(body);
		List<T> items = new ArrayList<>();
		for (JsonNode item : root.path("items").values()) {
			if (item.isObject()) {
				items.add(itemReader.apply(item));
			}
		}
		return new LinkPage<>(List.copyOf(items), nextLink(root));
	}

	/**
	 * Reads a JSON object.
	 * @param body the JSON
	 * @return the object node
	 * @throws IllegalArgumentException when the body is not a JSON object
	 */
	public static JsonNode readObject(byte[] body) {
		JsonNode root = Json.mapper().readTree(body);
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException("not a JSON object");
		}
		return root;
	}

	private static @Nullable String nextLink(JsonNode root) {
		String next = root.path("paging").path("next").asString(null);
		return (next != null && !next.isBlank()) ? next : null;
	}

	/**
	 * Binds a JSON array to a list; a missing or null node is an empty list.
	 * @param <T> the item type
	 * @param node the array
	 * @param itemType the type items bind to
	 * @return the items, never {@code null}
	 */
	public static <T> List<T> readList(JsonNode node, Class<T> itemType) {
		if (node.isMissingNode() || node.isNull()) {
			return List.of();
		}
		JsonMapper mapper = Json.mapper();
		JavaType type = mapper.getTypeFactory().constructCollectionType(List.class, itemType);
		List<@Nullable T> items = mapper.treeToValue(node, type);
		return (items != null) ? items.stream().filter(Objects::nonNull).toList() : List.of();
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
