package io.github.springmailgun.domain;

import java.time.Duration;
import java.time.Instant;

import io.github.springmailgun.error.MailgunNotFoundException;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DomainOperations} against a loopback server, with Mailgun's documented examples.
 */
class DomainOperationsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final LoopbackMailgun mailgun = new LoopbackMailgun();

	@AfterEach
	void close() {
		this.mailgun.close();
	}

	@Test
	void getReadsTheBoundDomainWithItsDnsRecords() {
		this.mailgun.enqueueFixture("domain/get-domain.json");
		DomainDetails details = this.mailgun.mailgun().domains().get().block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v4/domains/mg.example.com");
		assertThat(details).isNotNull();
		Domain domain = details.domain();
		assertThat(domain.name()).isEqualTo("example.com");
		assertThat(domain.id()).isEqualTo("123456789012345678901234");
		assertThat(domain.state()).isEqualTo(DomainState.ACTIVE);
		assertThat(domain.disabled()).isFalse();
		assertThat(domain.isActive()).isTrue();
		assertThat(domain.createdAt()).isEqualTo(Instant.parse("2011-10-13T18:02:00Z"));
		assertThat(domain.spamAction()).isEqualTo("disabled");
		assertThat(domain.type()).isEqualTo("sandbox");
		assertThat(domain.requireTls()).isTrue();
		assertThat(domain.useAutomaticSenderSecurity()).isTrue();
		assertThat(domain.smtpLogin()).isEqualTo("postmaster@example.com");
		assertThat(domain.webPrefix()).isEqualTo("email");
		assertThat(domain.webScheme()).isEqualTo("http");
		assertThat(details.receivingDnsRecords()).hasSize(2);
		DnsRecord mx = details.receivingDnsRecords().get(0);
		assertThat(mx.recordType()).isEqualTo("MX");
		assertThat(mx.name()).isNull();
		assertThat(mx.value()).isEqualTo("mxa.mailgun.org");
		assertThat(mx.priority()).isEqualTo("10");
		assertThat(mx.valid()).isEqualTo(DnsRecordValidity.VALID);
		assertThat(mx.active()).isTrue();
		assertThat(mx.cached()).containsExactly("10 mxa.mailgun.org", "10 mxb.mailgun.org");
		assertThat(details.sendingDnsRecords()).extracting(DnsRecord::recordType).containsExactly("TXT", "TXT", "CNAME");
		assertThat(details.sendingDnsRecords()).extracting(DnsRecord::name)
			.containsExactly("mg.example.com", "mx._domainkey.mg.example.com", "email.mg.example.com");
		assertThat(details.isSendingDnsValid()).isTrue();
		assertThat(details.message()).isNull();
	}

	@Test
	void getTakesAnExplicitDomainName() {
		this.mailgun.enqueueFixture("domain/get-domain.json");
		this.mailgun.mailgun().domains().get("other.example.com").block(TIMEOUT);
		assertThat(this.mailgun.takeRequest().getTarget()).isEqualTo("/v4/domains/other.example.com");
	}

	@Test
	void forDomainBindsTheDomainOperationsToTheOtherDomain() {
		this.mailgun.enqueueFixture("domain/get-domain.json");
		DomainOperations domains = this.mailgun.mailgun().forDomain("other.example.com").domains();
		assertThat(domains.domain()).isEqualTo("other.example.com");
		domains.get().block(TIMEOUT);
		assertThat(this.mailgun.takeRequest().getTarget()).isEqualTo("/v4/domains/other.example.com");
	}

	@Test
	void verifyPutsToTheVerifyEndpointAndReadsTheRecheckedDomain() {
		this.mailgun.enqueueFixture("domain/verify-domain.json");
		DomainDetails details = this.mailgun.mailgun().domains().verify().block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("PUT");
		assertThat(request.getTarget()).isEqualTo("/v4/domains/mg.example.com/verify");
		assertThat(request.getBodySize()).isZero();
		assertThat(details).isNotNull();
		assertThat(details.message()).isEqualTo("Domain DNS records have been updated");
		assertThat(details.domain().state()).isEqualTo(DomainState.UNVERIFIED);
		assertThat(details.domain().isActive()).isFalse();
		// "Mon, 02 Jan 2006 15:04:05 MST": Go's reference time, MST being UTC-7.
		assertThat(details.domain().createdAt()).isEqualTo(Instant.parse("2006-01-02T22:04:05Z"));
		DomainDisabled disabled = details.domain().disabledDetails();
		assertThat(disabled).isNotNull();
		assertThat(disabled.code()).isEqualTo("blacklisted");
		assertThat(disabled.reason()).isEqualTo("bad customer");
		assertThat(disabled.note()).isEqualTo("for debugging");
		assertThat(disabled.permanently()).isTrue();
		assertThat(details.sendingDnsRecords()).singleElement().satisfies(record -> {
			assertThat(record.recordType()).isEqualTo("A");
			assertThat(record.value()).isEqualTo("0.0.0.0");
		});
		assertThat(details.receivingDnsRecords()).hasSize(1);
	}

	@Test
	void verifyTakesAnExplicitDomainName() {
		this.mailgun.enqueueFixture("domain/verify-domain.json");
		this.mailgun.mailgun().domains().verify("other.example.com").block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("PUT");
		assertThat(request.getTarget()).isEqualTo("/v4/domains/other.example.com/verify");
	}

	@Test
	void unknownDomainIsMailgunNotFoundException() {
		this.mailgun.respond(404, LoopbackMailgun.fixture("domain/get-domain-404.json"));
		assertThatExceptionOfType(MailgunNotFoundException.class)
			.isThrownBy(() -> this.mailgun.mailgun().domains().get().block(TIMEOUT))
			.satisfies(ex -> {
				assertThat(ex.getStatusCode()).isEqualTo(404);
				assertThat(ex.getMessage()).contains("Domain not found").contains("/v4/domains/mg.example.com")
					.doesNotContain(LoopbackMailgun.API_KEY);
			});
	}

	@Test
	void blankDomainNameFailsWithoutARequest() {
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.mailgun.mailgun().domains().get(" ").block(TIMEOUT))
			.satisfies(ex -> assertThat(ex.getParameter()).isEqualTo("name"));
		assertThat(this.mailgun.server().getRequestCount()).isZero();
	}

	@Test
	void readsNewStatesAndFieldsTolerantlyAndNeverBindsTheSmtpPassword() {
		this.mailgun.respond(200, """
				{"domain": {"name": "mg.example.com", "state": "quarantined", "is_disabled": true,
				  "created_at": "Tue, 05 Mar 2024 09:10:11 UTC", "smtp_password": "s3cr3t-smtp",
				  "something_new": {"nested": [1, 2]}},
				 "sending_dns_records": [null, {"record_type": "TXT", "valid": "pending", "value": "v=spf1"}]}
				""");
		DomainDetails details = this.mailgun.mailgun().domains().get().block(TIMEOUT);
		assertThat(details).isNotNull();
		assertThat(details.domain().state()).isEqualTo(DomainState.UNKNOWN);
		assertThat(details.domain().disabled()).isTrue();
		assertThat(details.domain().createdAt()).isEqualTo(Instant.parse("2024-03-05T09:10:11Z"));
		assertThat(details.receivingDnsRecords()).isEmpty();
		assertThat(details.sendingDnsRecords()).singleElement().satisfies(record -> {
			assertThat(record.valid()).isEqualTo(DnsRecordValidity.UNKNOWN);
			assertThat(record.cached()).isEmpty();
		});
		assertThat(details.isSendingDnsValid()).isFalse();
		assertThat(details.toString()).doesNotContain("s3cr3t-smtp");
	}

}
