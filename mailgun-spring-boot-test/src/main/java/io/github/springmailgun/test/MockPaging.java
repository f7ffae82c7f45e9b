package io.github.springmailgun.test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Mailgun's paging of v3 lists, the mock's one implementation: a list ordered by a key is read a page at a
 * time, {@code page=first|last|next|previous} with the key of a pivot item ({@code address} for
 * suppressions, {@code p} for templates), and every page links to the first, last, next and previous
 * pages as absolute URLs ({@code paging}). The last page links to a following, empty one, as Mailgun's
 * does.
 */
final class MockPaging {

	private MockPaging() {
	}

	/**
	 * Answers one page of a list.
	 * @param <T> the item type
	 * @param call the request, with {@code limit}, {@code page} and the pivot parameter in its query
	 * @param ordered the whole list, ordered by key
	 * @param key the key of an item, unique and ascending along the list
	 * @param pivot the name of the pivot parameter
	 * @param defaultLimit the page size when the request sets none
	 * @param maxLimit the largest page size Mailgun allows
	 * @param json an item as Mailgun writes it
	 * @return the body {@code {"items": [...], "paging": {...}}}
	 * @throws BadRequestException when {@code limit} or {@code page} is invalid
	 */
	static <T> Map<String, Object> page(MockCall call, List<T> ordered, Function<T, String> key, String pivot,
			int defaultLimit, int maxLimit, Function<T, Object> json) {
		int limit = limit(call, defaultLimit, maxLimit);
		List<T> items = select(ordered, key, call.query("page"), call.query(pivot), limit);
		String requestedPivot = call.query(pivot);
		String firstKey = items.isEmpty() ? requestedPivot : key.apply(items.get(0));
		String lastKey = items.isEmpty() ? requestedPivot : key.apply(items.get(items.size() - 1));
		List<Object> written = new ArrayList<>(items.size());
		for (T item : items) {
			written.add(json.apply(item));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", written);
		body.put("paging", links(call.url(), pivot, firstKey, lastKey, limit));
		return body;
	}

	/**
	 * Reads the {@code limit} query parameter.
	 * @param call the request
	 * @param defaultLimit the value when it is absent
	 * @param maxLimit the largest value allowed
	 * @return the limit
	 * @throws BadRequestException when it is not a number from 1 to {@code maxLimit}
	 */
	static int limit(MockCall call, int defaultLimit, int maxLimit) {
		String text = call.query("limit");
		if (text == null || text.isEmpty()) {
			return defaultLimit;
		}
		int limit;
		try {
			limit = Integer.parseInt(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new BadRequestException("Invalid limit: '" + Texts.abbreviate(text) + "' is not a number");
		}
		if (limit < 1 || limit > maxLimit) {
			throw new BadRequestException("Invalid limit: must be between 1 and " + maxLimit + ", was " + limit);
		}
		return limit;
	}

	/**
	 * Selects one page of an ordered list.
	 * @param <T> the item type
	 * @param ordered the list, ascending by key
	 * @param key the key of an item
	 * @param page {@code first} (or {@code null}), {@code last}, {@code next} or {@code previous}
	 * @param pivot the key next and previous pages start from; {@code null} means the start (or end)
	 * @param limit the page size
	 * @return the items of the page, in list order
	 * @throws BadRequestException for another {@code page}
	 */
	static <T> List<T> select(List<T> ordered, Function<T, String> key, @Nullable String page, @Nullable String pivot,
			int limit) {
		String direction = (page == null || page.isEmpty()) ? "first" : page;
		switch (direction) {
			case "first" -> {
				return List.copyOf(ordered.subList(0, Math.min(limit, ordered.size())));
			}
			case "last" -> {
				return List.copyOf(ordered.subList(Math.max(0, ordered.size() - limit), ordered.size()));
			}
			case "next" -> {
				List<T> after = new ArrayList<>();
				for (T item : ordered) {
					if (after.size() == limit) {
						break;
					}
					if (pivot == null || key.apply(item).compareTo(pivot) > 0) {
						after.add(item);
					}
				}
				return after;
			}
			case "previous" -> {
				List<T> before = new ArrayList<>();
				for (T item : ordered) {
					if (pivot == null || key.apply(item).compareTo(pivot) < 0) {
						before.add(item);
					}
				}
				return List.copyOf(before.subList(Math.max(0, before.size() - limit), before.size()));
			}
			default -> throw new BadRequestException("Invalid page: '" + Texts.abbreviate(direction)
					+ "', expected first, last, next or previous");
		}
	}

	/**
	 * Mailgun's four paging links of a page.
	 * @param url the list's URL, without a query
	 * @param pivot the name of the pivot parameter
	 * @param firstKey the key of the page's first item (the pivot of {@code previous})
	 * @param lastKey the key of the page's last item (the pivot of {@code next})
	 * @param limit the page size
	 * @return {@code first}, {@code last}, {@code next} and {@code previous}
	 */
	static Map<String, String> links(String url, String pivot, @Nullable String firstKey, @Nullable String lastKey,
			int limit) {
		Map<String, String> links = new LinkedHashMap<>();
		links.put("first", url + "?limit=" + limit);
		links.put("last", url + "?page=last&limit=" + limit);
		links.put("next", url + "?page=next" + pivotParameter(pivot, lastKey) + "&limit=" + limit);
		links.put("previous", url + "?page=previous" + pivotParameter(pivot, firstKey) + "&limit=" + limit);
		return links;
	}

	private static String pivotParameter(String name, @Nullable String value) {
		return (value == null) ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
