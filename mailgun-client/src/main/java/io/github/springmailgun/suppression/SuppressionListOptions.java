package io.github.springmailgun.suppression;

import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

/**
 * How to list a suppression table: the page size and an address prefix.
 *
 * @param limit how many entries one request fetches (1 to 1,000), or {@code null} for Mailgun's 100
 * @param term only entries whose address starts with this, or {@code null} for all
 */
public record SuppressionListOptions(@Nullable Integer limit, @Nullable String term) {

	/** Mailgun's largest page. */
	public static final int MAX_LIMIT = 1000;

	/** All entries, in pages of Mailgun's default size. */
	public static final SuppressionListOptions DEFAULTS = new SuppressionListOptions(null, null);

	/**
	 * Checks the page size.
	 * @throws MailgunValidationException when the page size is outside 1 to 1,000
	 */
	public SuppressionListOptions {
		if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
			throw new MailgunValidationException("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
		}
		if (term != null && term.isBlank()) {
			term = null;
		}
	}

	/**
	 * Returns options with a page size.
	 * @param limit entries per request, 1 to 1,000
	 * @return the options
	 */
	public static SuppressionListOptions limit(int limit) {
		return new SuppressionListOptions(limit, null);
	}

	/**
	 * Returns options that list only addresses starting with a prefix.
	 * @param term the prefix
	 * @return the options
	 */
	public static SuppressionListOptions term(String term) {
		return new SuppressionListOptions(null, term);
	}

	/**
	 * Returns a copy with a page size.
	 * @param limit entries per request, 1 to 1,000
	 * @return the copy
	 */
	public SuppressionListOptions withLimit(int limit) {
		return new SuppressionListOptions(limit, this.term);
	}

	/**
	 * Returns a copy with an address prefix.
	 * @param term the prefix
	 * @return the copy
	 */
	public SuppressionListOptions withTerm(String term) {
		return new SuppressionListOptions(this.limit, term);
	}

}
