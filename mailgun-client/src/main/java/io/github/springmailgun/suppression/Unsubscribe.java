package io.github.springmailgun.suppression;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * An address that unsubscribed, from everything ({@code *}) or from mail with some tags.
 *
 * @param address the recipient address
 * @param tags the tags the address unsubscribed from; {@code *} (or, when adding, an empty list) means all
 * @param createdAt when the address unsubscribed; when adding, {@code null} means now
 */
public record Unsubscribe(@JsonSetter(nulls = Nulls.FAIL) String address, List<String> tags,
		@JsonProperty("created_at") @JsonDeserialize(
				using = MailgunDates.InstantDeserializer.class) @Nullable Instant createdAt) {

	/** The tag that stands for all mail of the domain. */
	public static final String ALL = "*";

	/**
	 * Copies the tags; a missing list is empty.
	 */
	public Unsubscribe {
		tags = (tags != null) ? tags.stream().filter(Objects::nonNull).toList() : List.of();
	}

	/**
	 * Creates an unsubscribe from the given tags, or from all mail when none is given.
	 * @param address the address
	 * @param tags the tags
	 * @return the unsubscribe
	 */
	public static Unsubscribe of(String address, String... tags) {
		return new Unsubscribe(address, List.of(tags), null);
	}

	/**
	 * Returns a copy with the time of the unsubscribe.
	 * @param createdAt when it happened
	 * @return the copy
	 */
	public Unsubscribe withCreatedAt(Instant createdAt) {
		return new Unsubscribe(this.address, this.tags, createdAt);
	}

}
