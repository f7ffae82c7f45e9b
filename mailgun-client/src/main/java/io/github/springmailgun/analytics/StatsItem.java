package io.github.springmailgun.analytics;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The counts of one time bucket of the deprecated Stats API; an event that was not asked for is
 * {@code null}, and a counter Mailgun leaves out of an event (older answers lack {@code optimized} and
 * {@code webhook}, for instance) is 0.
 *
 * @param time the start of the bucket
 * @param accepted accepted messages
 * @param delivered delivered messages
 * @param failed failed deliveries
 * @param stored stored messages
 * @param opened opens
 * @param clicked clicks
 * @param unsubscribed unsubscribes
 * @param complained complaints
 * @deprecated Mailgun deprecated the Stats API in favour of the Metrics API: use {@link MetricsItem}
 */
@Deprecated
public record StatsItem(@JsonDeserialize(using = MailgunDates.InstantDeserializer.class) @Nullable Instant time,
		@Nullable Accepted accepted, @Nullable Delivered delivered, @Nullable Failed failed, @Nullable Total stored,
		@Nullable Unique opened, @Nullable Unique clicked, @Nullable Total unsubscribed,
		@Nullable Total complained) {

	/**
	 * Accepted messages.
	 *
	 * @param incoming accepted for routes, forwards and mailing lists
	 * @param outgoing accepted for sending
	 * @param total both
	 */
	public record Accepted(long incoming, long outgoing, long total) {
	}

	/**
	 * Delivered messages.
	 *
	 * @param smtp delivered to recipient servers
	 * @param http delivered to routes and forwards over HTTP
	 * @param optimized delivered with send time optimization
	 * @param total all
	 */
	public record Delivered(long smtp, long http, long optimized, long total) {
	}

	/**
	 * Failed deliveries.
	 *
	 * @param temporary failures Mailgun retries
	 * @param permanent failures Mailgun gave up on
	 */
	public record Failed(@Nullable Temporary temporary, @Nullable Permanent permanent) {
	}

	/**
	 * Temporary failures.
	 *
	 * @param espblock blocked by the recipient's provider
	 * @param total all
	 */
	public record Temporary(long espblock, long total) {
	}

	/**
	 * Permanent failures.
	 *
	 * @param suppressBounce dropped for an earlier bounce
	 * @param suppressUnsubscribe dropped for an unsubscribe
	 * @param suppressComplaint dropped for a complaint
	 * @param bounce bounced
	 * @param delayedBounce bounced after delivery
	 * @param webhook failed webhook deliveries
	 * @param optimized failed with send time optimization
	 * @param total all
	 */
	public record Permanent(@JsonProperty("suppress-bounce") long suppressBounce,
			@JsonProperty("suppress-unsubscribe") long suppressUnsubscribe,
			@JsonProperty("suppress-complaint") long suppressComplaint, long bounce,
			@JsonProperty("delayed-bounce") long delayedBounce, long webhook, long optimized, long total) {
	}

	/**
	 * A count.
	 *
	 * @param total the count
	 */
	public record Total(long total) {
	}

	/**
	 * A count and the count of distinct recipients and messages.
	 *
	 * @param total all
	 * @param unique once per message and recipient
	 */
	public record Unique(long total, long unique) {
	}

}
