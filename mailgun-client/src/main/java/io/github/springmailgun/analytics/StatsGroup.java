package io.github.springmailgun.analytics;

import java.util.Locale;

/**
 * What the account's filtered stats are grouped by ({@code group} of {@code GET /v3/stats/filter}).
 *
 * @deprecated Mailgun deprecated the Stats API in favour of the Metrics API: use
 * {@link MetricsQuery.Builder#dimensions(String...)}
 */
@Deprecated
public enum StatsGroup {

	/** One total. */
	TOTAL,

	/** One group per time bucket. */
	TIME,

	/** One group per day. */
	DAY,

	/** One group per month. */
	MONTH,

	/** One group per sending domain. */
	DOMAIN,

	/** One group per sending IP. */
	IP,

	/** One group per mailbox provider. */
	PROVIDER,

	/** One group per tag. */
	TAG,

	/** One group per recipient country. */
	COUNTRY;

	/**
	 * Returns the group as Mailgun writes it.
	 * @return for example {@code provider}
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
