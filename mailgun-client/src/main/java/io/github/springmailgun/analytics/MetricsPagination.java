package io.github.springmailgun.analytics;

import org.jspecify.annotations.Nullable;

/**
 * Where the items of a metrics answer sit in the whole result.
 *
 * @param sort the sort order, such as {@code timestamp:asc}
 * @param skip how many items were skipped
 * @param limit how many items were asked for at most
 * @param total how many items the whole result has
 */
public record MetricsPagination(@Nullable String sort, long skip, long limit, long total) {
}
