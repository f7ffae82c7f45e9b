package io.github.springmailgun.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A domain that {@link MailgunMockServer} knows: it accepts sends for it and describes it at
 * {@code GET /v4/domains/{name}} with its state and DNS records.
 *
 * <pre class="code">
 * MailgunMockServer.builder()
 *     .domain(MockDomain.of("mg.example.com", MockDomain.State.UNVERIFIED))
 *     .start();
 * </pre>
 *
 * @param name the domain name, for example {@code mg.example.com}
 * @param state the state Mailgun reports
 * @param sendingDnsRecords the SPF, DKIM and tracking records, with their validity
 * @param receivingDnsRecords the MX records, with their validity
 */
public record MockDomain(String name, State state, List<MockDnsRecord> sendingDnsRecords,
		List<MockDnsRecord> receivingDnsRecords) {

	/**
	 * Checks the name and copies the records.
	 */
	public MockDomain {
		if (name == null || name.isBlank() || name.contains("/") || name.contains("?") || name.contains("#")
				|| !name.equals(name.trim())) {
			throw new IllegalArgumentException("a domain name such as mg.example.com is required, was '" + name + "'");
		}
		Objects.requireNonNull(state, "state");
		sendingDnsRecords = List.copyOf(sendingDnsRecords);
		receivingDnsRecords = List.copyOf(receivingDnsRecords);
	}

	/**
	 * Creates an active domain whose DNS records are all valid.
	 * @param name the domain name
	 * @return the domain
	 */
	public static MockDomain of(String name) {
		return of(name, State.ACTIVE);
	}

	/**
	 * Creates a domain in the given state with the usual records: valid, except for an unverified domain,
	 * whose sending records are invalid (which is why Mailgun has not verified it).
	 * @param name the domain name
	 * @param state the state
	 * @return the domain
	 */
	public static MockDomain of(String name, State state) {
		MockDnsRecord.Validity sending = (state == State.UNVERIFIED) ? MockDnsRecord.Validity.INVALID
				: MockDnsRecord.Validity.VALID;
		return new MockDomain(name, state, defaultSendingRecords(name, sending),
				defaultReceivingRecords(name, MockDnsRecord.Validity.VALID));
	}

	/**
	 * Returns a copy in another state, with the same records.
	 * @param state the state
	 * @return the new domain
	 */
	public MockDomain withState(State state) {
		return new MockDomain(this.name, state, this.sendingDnsRecords, this.receivingDnsRecords);
	}

	/**
	 * Returns a copy whose every DNS record has the given validity.
	 * @param validity the validity
	 * @return the new domain
	 */
	public MockDomain withDnsValidity(MockDnsRecord.Validity validity) {
		return new MockDomain(this.name, this.state, withValidity(this.sendingDnsRecords, validity),
				withValidity(this.receivingDnsRecords, validity));
	}

	/**
	 * Returns a copy with other sending records.
	 * @param records the SPF, DKIM and tracking records
	 * @return the new domain
	 */
	public MockDomain withSendingDnsRecords(List<MockDnsRecord> records) {
		return new MockDomain(this.name, this.state, records, this.receivingDnsRecords);
	}

	/**
	 * Returns a copy with other receiving records.
	 * @param records the MX records
	 * @return the new domain
	 */
	public MockDomain withReceivingDnsRecords(List<MockDnsRecord> records) {
		return new MockDomain(this.name, this.state, this.sendingDnsRecords, records);
	}

	/**
	 * Returns whether Mailgun reports the domain as disabled ({@code is_disabled}).
	 * @return whether the state is {@link State#DISABLED}
	 */
	public boolean isDisabled() {
		return this.state == State.DISABLED;
	}

	/**
	 * Returns Mailgun's domain type: {@code sandbox} for {@code sandbox*.mailgun.org}, else {@code custom}.
	 * @return the type
	 */
	public String type() {
		String lower = this.name.toLowerCase(Locale.ROOT);
		return (lower.startsWith("sandbox") && lower.endsWith(".mailgun.org")) ? "sandbox" : "custom";
	}

	/**
	 * Returns the sending records Mailgun asks a domain to publish: SPF, DKIM and the tracking CNAME.
	 * @param name the domain name
	 * @param validity the validity of each record
	 * @return the records
	 */
	public static List<MockDnsRecord> defaultSendingRecords(String name, MockDnsRecord.Validity validity) {
		return List.of(new MockDnsRecord("TXT", name, "v=spf1 include:mailgun.org ~all", null, validity),
				new MockDnsRecord("TXT", "pic._domainkey." + name, "k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC", null,
						validity),
				new MockDnsRecord("CNAME", "email." + name, "mailgun.org", null, validity));
	}

	/**
	 * Returns the MX records Mailgun asks a domain to publish for receiving.
	 * @param name the domain name
	 * @param validity the validity of each record
	 * @return the records
	 */
	public static List<MockDnsRecord> defaultReceivingRecords(String name, MockDnsRecord.Validity validity) {
		return List.of(new MockDnsRecord("MX", name, "mxa.mailgun.org", "10", validity),
				new MockDnsRecord("MX", name, "mxb.mailgun.org", "10", validity));
	}

	private static List<MockDnsRecord> withValidity(List<MockDnsRecord> records, MockDnsRecord.Validity validity) {
		List<MockDnsRecord> copy = new ArrayList<>(records.size());
		for (MockDnsRecord record : records) {
			copy.add(record.withValid(validity));
		}
		return copy;
	}

	/**
	 * The state of a domain as Mailgun reports it ({@code domain.state}).
	 */
	public enum State {

		/** Verified and sending ({@code active}). */
		ACTIVE("active"),

		/** Added but its DNS records are not verified ({@code unverified}). */
		UNVERIFIED("unverified"),

		/** Disabled by Mailgun or the account owner ({@code disabled}). */
		DISABLED("disabled");

		private final String wireValue;

		State(String wireValue) {
			this.wireValue = wireValue;
		}

		/**
		 * Returns the value as Mailgun writes it.
		 * @return the wire value
		 */
		public String wireValue() {
			return this.wireValue;
		}

	}

	/**
	 * One DNS record of a domain, as {@code GET /v4/domains/{name}} lists it.
	 *
	 * @param recordType {@code TXT}, {@code CNAME} or {@code MX}
	 * @param name the record name
	 * @param value the value Mailgun expects
	 * @param priority the MX priority, or {@code null}
	 * @param valid whether Mailgun found the record
	 */
	public record MockDnsRecord(String recordType, String name, String value, @Nullable String priority, Validity valid) {

		/**
		 * Checks the values.
		 */
		public MockDnsRecord {
			Objects.requireNonNull(recordType, "recordType");
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(value, "value");
			Objects.requireNonNull(valid, "valid");
		}

		/**
		 * Returns a copy with another validity.
		 * @param validity the validity
		 * @return the new record
		 */
		public MockDnsRecord withValid(Validity validity) {
			return new MockDnsRecord(this.recordType, this.name, this.value, this.priority, validity);
		}

		/**
		 * Whether Mailgun found the record in DNS ({@code valid}).
		 */
		public enum Validity {

			/** Found with the expected value ({@code valid}). */
			VALID("valid"),

			/** Missing or wrong ({@code invalid}). */
			INVALID("invalid"),

			/** Not checked yet ({@code unknown}). */
			UNKNOWN("unknown");

			private final String wireValue;

			Validity(String wireValue) {
				this.wireValue = wireValue;
			}

			/**
			 * Returns the value as Mailgun writes it.
			 * @return the wire value
			 */
			public String wireValue() {
				return this.wireValue;
			}

		}

	}

}
