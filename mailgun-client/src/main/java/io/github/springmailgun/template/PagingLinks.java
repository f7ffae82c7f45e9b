package io.github.springmailgun.template;

import org.jspecify.annotations.Nullable;

/**
 * The links of a page of a Mailgun list ({@code paging}). They are absolute URLs; the client follows
 * them only to the configured host or an https Mailgun host.
 *
 * @param first the first page, or {@code null}
 * @param last the last page, or {@code null}
 * @param next the next page, or {@code null}; Mailgun gives one even on the last page, which leads to an
 * empty page
 * @param previous the previous page, or {@code null}
 */
public record PagingLinks(@Nullable String first, @Nullable String last, @Nullable String next,
		@Nullable String previous) {

	/** Links of a page that had none. */
	public static final PagingLinks NONE = new PagingLinks(null, null, null, null);

}
