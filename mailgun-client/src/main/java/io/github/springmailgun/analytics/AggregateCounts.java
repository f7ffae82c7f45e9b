package io.github.springmailgun.analytics;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The counts of one mailbox provider, device type or country in a domain's aggregates
 * ({@code GET /v3/{domain}/aggregates/...}); a count Mailgun leaves out is 0.
 *
 * @param accepted accepted messages
 * @param clicked clicks
 * @param opened opens
 * @param uniqueClicked clicks, once per message and recipient
 * @param unsubscribed unsubscribes
 * @deprecated Mailgun deprecated the Stats API in favour of the Metrics API: use
 * {@link MetricsQuery.Builder#dimensions(String...)}
 */
@Deprecated
public record AggregateCounts(Long accepted, Long clicked, Long opened,
		@JsonProperty("unique_clicked") Long uniqueClicked, Long unsubscribed) {

	/**
	 * Reads a missing or {@code null} count as 0.
	 */
	public AggregateCounts(@Nullable Long accepted, @Nullable Long clicked, @Nullable Long opened,
			@JsonProperty("unique_clicked") @Nullable Long uniqueClicked, @Nullable Long unsubscribed) {
		this.accepted = zeroIfNull(accepted);
		this.clicked = zeroIfNull(clicked);
		this.opened = zeroIfNull(opened);
		this.uniqueClicked = zeroIfNull(uniqueClicked);
		this.unsubscribed = zeroIfNull(unsubscribed);
	}

	private static Long zeroIfNull(@Nullable Long count) {
		return (count != null) ? count : 0L;
	}

}
