package io.github.springmailgun.suppression;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * An address that bounced: Mailgun drops further mail to it until the bounce is deleted.
 *
 * @param address the recipient address
 * @param code the SMTP code the receiving server answered, such as {@code 550}; Mailgun's default when
 * adding is {@code 550}
 * @param error the SMTP error text, or {@code null}
 * @param createdAt when the bounce happened; when adding, {@code null} means now
 */
public record Bounce(@JsonSetter(nulls = Nulls.FAIL) String address, @Nullable String code, @Nullable String error,
		@JsonProperty("created_at") @JsonDeserialize(
				using = MailgunDates.InstantDeserializer.class) @Nullable Instant createdAt) {

	/**
	 * Creates a bounce with Mailgun's defaults (code 550, no error text, now).
	 * @param address the address
	 * @return the bounce
	 */
	public static Bounce of(String address) {
		return new Bounce(address, null, null, null);
	}

	/**
	 * Creates a bounce with an SMTP code and error text.
	 * @param address the address
	 * @param code the SMTP code, such as {@code 550}
	 * @param error the SMTP error text
	 * @return the bounce
	 */
	public static Bounce of(String address, String code, String error) {
		return new Bounce(address, code, error, null);
	}

	/**
	 * Returns a copy with the time of the bounce.
	 * @param createdAt when it happened
	 * @return the copy
	 */
	public Bounce withCreatedAt(Instant createdAt) {
		return new Bounce(this.address, this.code, this.error, createdAt);
	}

}
