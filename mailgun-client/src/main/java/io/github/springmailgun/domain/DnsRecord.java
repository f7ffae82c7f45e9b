package io.github.springmailgun.domain;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.jspecify.annotations.Nullable;

/**
 * A DNS record Mailgun needs for sending or receiving, and what it found when it last looked.
 *
 * @param recordType the type: {@code TXT}, {@code MX}, {@code CNAME}, ...
 * @param name the record name, or {@code null} (Mailgun leaves it out of MX records)
 * @param value the expected value
 * @param valid whether the record was found as expected
 * @param priority the MX priority, or {@code null}
 * @param cached the values Mailgun found in DNS
 * @param active whether the record is in use ({@code is_active})
 */
public record DnsRecord(@JsonProperty("record_type") @Nullable String recordType, @Nullable String name,
		@Nullable String value, @Nullable DnsRecordValidity valid, @Nullable String priority, List<String> cached,
		@JsonProperty("is_active") @JsonSetter(nulls = Nulls.AS_EMPTY) boolean active) {

	/**
	 * Copies the cached values and reads a missing validity as {@link DnsRecordValidity#UNKNOWN}.
	 */
	public DnsRecord {
		valid = (valid != null) ? valid : DnsRecordValidity.UNKNOWN;
		cached = (cached != null) ? cached.stream().filter(Objects::nonNull).toList() : List.of();
	}

	/**
	 * Returns whether Mailgun found the record as expected.
	 * @return whether it is {@link DnsRecordValidity#VALID}
	 */
	public boolean isValid() {
		return this.valid == DnsRecordValidity.VALID;
	}

}
