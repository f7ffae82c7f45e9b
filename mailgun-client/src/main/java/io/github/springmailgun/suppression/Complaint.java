package io.github.springmailgun.suppression;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * An address whose owner marked mail as spam.
 *
 * @param address the recipient address
 * @param createdAt when the complaint arrived; when adding, {@code null} means now
 * @param count how many complaints Mailgun counted, where it says (older responses); never sent
 */
public record Complaint(@JsonSetter(nulls = Nulls.FAIL) String address,
		@JsonProperty("created_at") @JsonDeserialize(
				using = MailgunDates.InstantDeserializer.class) @Nullable Instant createdAt,
		@Nullable Integer count) {

	/**
	 * Creates a complaint dated now.
	 * @param address the address
	 * @return the complaint
	 */
	public static Complaint of(String address) {
		return new Complaint(address, null, null);
	}

	/**
	 * Returns a copy with the time of the complaint.
	 * @param createdAt when it happened
	 * @return the copy
	 */
	public Complaint withCreatedAt(Instant createdAt) {
		return new Complaint(this.address, createdAt, this.count);
	}

}
