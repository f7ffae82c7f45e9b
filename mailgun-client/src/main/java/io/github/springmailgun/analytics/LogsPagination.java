package io.github.springmailgun.analytics;

import org.jspecify.annotations.Nullable;

/**
 * The page tokens of a logs answer; pass one to {@link LogsQuery.Builder#token(String)}.
 *
 * @param previous the token of the previous page
 * @param next the token of the next page
 * @param first the token of the first page
 * @param last the token of the last page
 * @param total the number of entries in all pages, when asked for
 */
public record LogsPagination(@Nullable String previous, @Nullable String next, @Nullable String first,
		@Nullable String last, @Nullable Long total) {
}
