package io.github.springmailgun.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A query of the deprecated Events API ({@code GET /v3/{domain}/events}): a time range and filters.
 * Filter values may be Mailgun's filter expressions, such as {@code "delivered OR failed"}. Immutable;
 * build with {@link #builder()}.
 *
 * @deprecated Mailgun deprecated the Events API in favour of the Logs API: use {@link LogsQuery} with
 * {@link AnalyticsOperations#logs(LogsQuery)}
 */
@Deprecated
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "begin", "end", "ascending", "limit" })
public final class EventsQuery {

	/** Mailgun's largest page of events. */
	public static final int MAX_LIMIT = 300;

	@JsonProperty("begin")
	@JsonSerialize(using = MailgunDates.EpochSecondsSerializer.class)
	private final @Nullable Instant begin;

	@JsonProperty("end")
	@JsonSerialize(using = MailgunDates.EpochSecondsSerializer.class)
	private final @Nullable Instant end;

	@JsonProperty("ascending")
	private final @Nullable String ascending;

	@JsonProperty("limit")
	private final @Nullable Integer limit;

	// Query parameters named by the filtered field; a field filtered twice is sent twice.
	@JsonAnyGetter
	private final Map<String, List<String>> filters = new LinkedHashMap<>();

	private EventsQuery(Builder builder) {
		this.begin = builder.begin;
		this.end = builder.end;
		this.ascending = (builder.ascending != null) ? (builder.ascending ? "yes" : "no") : null;
		this.limit = builder.limit;
		builder.filters.forEach((name, values) -> this.filters.put(name, List.copyOf(values)));
	}

	/**
	 * Starts a query.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds an {@link EventsQuery}.
	 */
	public static final class Builder {

		private @Nullable Instant begin;

		private @Nullable Instant end;

		private @Nullable Boolean ascending;

		private @Nullable Integer limit;

		private final Map<String, List<String>> filters = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the start of the time range.
		 * @param begin the start
		 * @return this builder
		 */
		public Builder begin(Instant begin) {
			this.begin = begin;
			return this;
		}

		/**
		 * Sets the end of the time range.
		 * @param end the end
		 * @return this builder
		 */
		public Builder end(Instant end) {
			this.end = end;
			return this;
		}

		/**
		 * Sets the order by time; Mailgun needs it when a start is given without an end.
		 * @param ascending whether the oldest events come first
		 * @return this builder
		 */
		public Builder ascending(boolean ascending) {
			this.ascending = ascending;
			return this;
		}

		/**
		 * Sets how many events one request returns (Mailgun allows up to 300).
		 * @param limit the page size
		 * @return this builder
		 */
		public Builder limit(int limit) {
			if (limit < 1 || limit > MAX_LIMIT) {
				throw new MailgunValidationException("limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
			}
			this.limit = limit;
			return this;
		}

		/**
		 * Filters by event type, such as {@code delivered} or {@code "failed OR rejected"}.
		 * @param event the event filter
		 * @return this builder
		 */
		public Builder event(String event) {
			return filter("event", event);
		}

		/**
		 * Filters by recipient address.
		 * @param recipient the recipient filter
		 * @return this builder
		 */
		public Builder recipient(String recipient) {
			return filter("recipient", recipient);
		}

		/**
		 * Filters by the {@code From} header.
		 * @param from the sender filter
		 * @return this builder
		 */
		public Builder from(String from) {
			return filter("from", from);
		}

		/**
		 * Filters by the {@code To} header.
		 * @param to the recipient header filter
		 * @return this builder
		 */
		public Builder to(String to) {
			return filter("to", to);
		}

		/**
		 * Filters by subject.
		 * @param subject the subject filter
		 * @return this builder
		 */
		public Builder subject(String subject) {
			return filter("subject", subject);
		}

		/**
		 * Filters by the message id Mailgun returned for a send.
		 * @param messageId the message id, without angle brackets
		 * @return this builder
		 */
		public Builder messageId(String messageId) {
			return filter("message-id", messageId);
		}

		/**
		 * Filters by tag.
		 * @param tags the tag filter
		 * @return this builder
		 */
		public Builder tags(String tags) {
			return filter("tags", tags);
		}

		/**
		 * Filters by severity, for failures: {@code temporary} or {@code permanent}.
		 * @param severity the severity
		 * @return this builder
		 */
		public Builder severity(String severity) {
			return filter("severity", severity);
		}

		/**
		 * Filters by any other field Mailgun supports ({@code list}, {@code attachment}, {@code size},
		 * {@code recipients}, ...).
		 * @param name the field
		 * @param value the filter expression
		 * @return this builder
		 */
		public Builder filter(String name, String value) {
			String field = AnalyticsQuery.requireText("filter", name);
			String filter = AnalyticsQuery.requireText(name, value);
			this.filters.computeIfAbsent(field, (key) -> new ArrayList<>()).add(filter);
			return this;
		}

		/**
		 * Builds the query.
		 * @return the query
		 * @throws MailgunValidationException when the range has a start but neither an end nor an order
		 */
		public EventsQuery build() {
			// A begin after the end is allowed: Mailgun then returns the events newest first.
			if (this.begin != null && this.end == null && this.ascending == null) {
				throw new MailgunValidationException("ascending", "must be set when 'begin' is set without 'end'");
			}
			return new EventsQuery(this);
		}

	}

}
