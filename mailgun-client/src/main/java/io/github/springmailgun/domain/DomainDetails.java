package io.github.springmailgun.domain;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A domain with the DNS records Mailgun expects for it: the answer of {@code GET /v4/domains/{name}} and
 * of {@code PUT /v4/domains/{name}/verify}.
 *
 * @param domain the domain
 * @param sendingDnsRecords the records for sending (SPF, DKIM, tracking CNAME)
 * @param receivingDnsRecords the records for receiving (MX)
 * @param message Mailgun's message (after a verification), or {@code null}
 */
public record DomainDetails(Domain domain, @JsonProperty("sending_dns_records") List<DnsRecord> sendingDnsRecords,
		@JsonProperty("receiving_dns_records") List<DnsRecord> receivingDnsRecords, @Nullable String message) {

	/**
	 * Copies the record lists, leaving out the {@code null} entries Mailgun's schema allows.
	 */
	public DomainDetails {
		sendingDnsRecords = (sendingDnsRecords != null)
				? sendingDnsRecords.stream().filter(Objects::nonNull).toList() : List.of();
		receivingDnsRecords = (receivingDnsRecords != null)
				? receivingDnsRecords.stream().filter(Objects::nonNull).toList() : List.of();
	}

	/**
	 * Returns whether every sending record was found as expected.
	 * @return whether sending DNS is complete
	 */
	public boolean isSendingDnsValid() {
		return this.sendingDnsRecords.stream().allMatch(DnsRecord::isValid);
	}

}
