package io.github.springmailgun.analytics;

import org.jspecify.annotations.Nullable;

/**
 * Where the items of a metrics answer sit in the whole result.
 *
 * @param sort the sort order, such as {@code timestamp:asc}
 * @param skip how many items were skipped, 0 when Mailgun does not say
 * @param limit how many items were asked for at most, or {@code null} when Mailgun does not say
 * @param total how many items the whole result has, or {@code null} when Mailgun does not say
 */
public record MetricsPagination(@Nullable String sort, long skip, @Nullable Long limit, @Nullable Long total) {
}
