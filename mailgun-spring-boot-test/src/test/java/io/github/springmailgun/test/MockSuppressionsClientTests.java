package io.github.springmailgun.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.error.MailgunNotFoundException;
import io.github.springmailgun.suppression.AllowlistEntry;
import io.github.springmailgun.suppression.Bounce;
import io.github.springmailgun.suppression.Complaint;
import io.github.springmailgun.suppression.SuppressionListOptions;
import io.github.springmailgun.suppression.SuppressionOperations;
import io.github.springmailgun.suppression.SuppressionResponse;
import io.github.springmailgun.suppression.Unsubscribe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The mock's suppression lists driven by the real client: every call of {@code bounces()},
 * {@code unsubscribes()}, {@code complaints()} and {@code allowlist()} works against the mock, and the
 * client reads what the mock writes.
 */
class MockSuppressionsClientTests {

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	private final MockClock clock = MockClock.manual(NOW);

	private final MailgunMockServer mock = MailgunMockServer.builder().clock(this.clock).start();

	private final MailgunTemplate client = new MailgunTemplate(
			MailgunClientSettings.builder(this.mock.apiKey(), this.mock.domain()).baseUrl(this.mock.baseUrl()).build());

	@AfterEach
	void stop() {
		this.mock.close();
	}

	@Test
	void bouncesAreAddedReadListedDeletedAndCleared() {
		SuppressionResponse added = this.client.bounces().add(Bounce.of("Bob@Example.com", "554", "mailbox full")).block();
		assertThat(added.message()).isEqualTo("Address has been added to the bounces table");
		assertThat(added.address()).isEqualTo("Bob@Example.com");
		Bounce bob = this.client.bounces().get("bob@example.com").block();
		assertThat(bob).isEqualTo(new Bounce("Bob@Example.com", "554", "mailbox full", NOW));
		Instant earlier = Instant.parse("2025-12-11T01:49:40Z");
		List<SuppressionResponse> batch = this.client.bounces()
			.addAll(List.of(Bounce.of("alice@example.com").withCreatedAt(earlier), Bounce.of("carol@example.com")))
			.collectList()
			.block();
		assertThat(batch).extracting(SuppressionResponse::message)
			.containsExactly("2 addresses have been added to the bounces table");
		assertThat(this.client.bounces().list().collectList().block()).containsExactly(
				new Bounce("alice@example.com", "550", "", earlier), bob, new Bounce("carol@example.com", "550", "", NOW));
		SuppressionResponse deleted = this.client.bounces().delete("BOB@example.com").block();
		assertThat(deleted.message()).isEqualTo("Bounced addresses for this domain have been removed");
		assertThat(this.mock.suppressions().isSuppressed(this.mock.domain(), "bob@example.com")).isFalse();
		assertThat(this.client.bounces().clear().block().message())
			.isEqualTo("Bounced addresses for this domain have been removed");
		assertThat(this.client.bounces().list().collectList().block()).isEmpty();
	}

	@Test
	void unsubscribesKeepTheirTagsAndLoseThemOneByOne() {
		this.client.unsubscribes().add(Unsubscribe.of("alice@example.com", "newsletter")).block();
		this.client.unsubscribes().add(Unsubscribe.of("alice@example.com", "promo")).block();
		this.client.unsubscribes().add(Unsubscribe.of("bob@example.com")).block();
		this.client.unsubscribes().addAll(List.of(Unsubscribe.of("carol@example.com", "a", "b"))).blockLast();
		assertThat(this.client.unsubscribes().list().collectList().block()).containsExactly(
				new Unsubscribe("alice@example.com", List.of("newsletter", "promo"), NOW),
				new Unsubscribe("bob@example.com", List.of("*"), NOW),
				new Unsubscribe("carol@example.com", List.of("a", "b"), NOW));
		MockSuppressions suppressions = this.mock.suppressions();
		String domain = this.mock.domain();
		assertThat(suppressions.suppressionReason(domain, "alice@example.com", List.of("newsletter")))
			.isEqualTo("suppress-unsubscribe");
		assertThat(suppressions.suppressionReason(domain, "alice@example.com", List.of("orders"))).isNull();
		assertThat(suppressions.suppressionReason(domain, "BOB@example.com", List.of("orders")))
			.isEqualTo("suppress-unsubscribe");

		SuppressionResponse removed = this.client.unsubscribes().delete("alice@example.com", "newsletter").block();
		assertThat(removed.message()).isEqualTo("Unsubscribe event has been removed");
		assertThat(this.client.unsubscribes().get("alice@example.com").block().tags()).containsExactly("promo");
		assertThatExceptionOfType(MailgunNotFoundException.class)
			.isThrownBy(() -> this.client.unsubscribes().delete("alice@example.com", "newsletter").block())
			.satisfies(ex -> assertThat(ex.getMailgunMessage())
				.isEqualTo("Unsubscribe event for this tag does not exist"));
		this.client.unsubscribes().delete("alice@example.com", "promo").block();
		assertThatExceptionOfType(MailgunNotFoundException.class)
			.isThrownBy(() -> this.client.unsubscribes().get("alice@example.com").block())
			.satisfies(ex -> assertThat(ex.getMailgunMessage()).isEqualTo("Address not found in unsubscribers table"));
		this.client.unsubscribes().delete("bob@example.com").block();
		assertThat(this.client.unsubscribes().clear().block().message())
			.isEqualTo("Unsubscribe addresses for this domain have been removed");
		assertThat(suppressions.unsubscribes(domain)).isEmpty();
	}

	@Test
	void complaintsAreAddedReadListedDeletedAndCleared() {
		assertThat(this.client.complaints().add(Complaint.of("alice@example.com")).block().message())
			.isEqualTo("Address has been added to the complaints table");
		assertThat(this.client.complaints().addAll(List.of(Complaint.of("bob@example.com"))).blockLast().message())
			.isEqualTo("1 complaint addresses have been added to the complaints table");
		assertThat(this.client.complaints().get("alice@example.com").block())
			.isEqualTo(new Complaint("alice@example.com", NOW, null));
		assertThat(this.client.complaints().list().map(Complaint::address).collectList().block())
			.containsExactly("alice@example.com", "bob@example.com");
		assertThat(this.mock.suppressions().suppressionReason(this.mock.domain(), "bob@example.com", List.of()))
			.isEqualTo("suppress-complaint");
		assertThat(this.client.complaints().delete("alice@example.com").block().message())
			.isEqualTo("Complaint addresses for this domain have been removed");
		this.client.complaints().clear().block();
		assertThat(this.mock.suppressions().complaints(this.mock.domain())).isEmpty();
	}

	@Test
	void allowlistTakesAddressesAndDomains() {
		SuppressionResponse address = this.client.allowlist().addAddress("vip@example.com", "our CEO").block();
		assertThat(address).isEqualTo(new SuppressionResponse("Address/Domain has been added to the allowlists table",
				null, "address", "vip@example.com"));
		SuppressionResponse domain = this.client.allowlist().addDomain("partner.example").block();
		assertThat(domain.type()).isEqualTo("domain");
		assertThat(this.client.allowlist().get("vip@example.com").block()).isEqualTo(
				new AllowlistEntry(AllowlistEntry.Type.ADDRESS, "vip@example.com", "our CEO", NOW));
		assertThat(this.client.allowlist().list().collectList().block()).containsExactly(
				new AllowlistEntry(AllowlistEntry.Type.DOMAIN, "partner.example", "", NOW),
				new AllowlistEntry(AllowlistEntry.Type.ADDRESS, "vip@example.com", "our CEO", NOW));
		SuppressionResponse removed = this.client.allowlist().delete("partner.example").block();
		assertThat(removed.message()).isEqualTo("Allowlist address/domain has been removed");
		assertThat(removed.value()).isEqualTo("partner.example");
		assertThatExceptionOfType(MailgunNotFoundException.class)
			.isThrownBy(() -> this.client.allowlist().get("partner.example").block())
			.satisfies(ex -> assertThat(ex.getMailgunMessage()).isEqualTo("Address/Domain not found in allowlist table"));
		assertThat(this.client.allowlist().clear().block().message())
			.isEqualTo("Allowlist addresses/domains for this domain have been removed");
		assertThat(this.mock.suppressions().allowlist(this.mock.domain())).isEmpty();
	}

	@Test
	void missingEntriesAnswer404WithMailgunsTexts() {
		assertNotFound(this.client.bounces(), "Address not found in bounces table");
		assertNotFound(this.client.unsubscribes(), "Address not found in unsubscribers table");
		assertNotFound(this.client.complaints(), "No spam complaints found for this address");
		assertNotFound(this.client.allowlist(), "Address/Domain not found in allowlist table");
	}

	private static void assertNotFound(SuppressionOperations<?> list, String message) {
		assertThatExceptionOfType(MailgunNotFoundException.class).isThrownBy(() -> list.get("nobody@example.com").block())
			.satisfies(ex -> assertThat(ex.getMailgunMessage()).isEqualTo(message));
		assertThatExceptionOfType(MailgunNotFoundException.class)
			.isThrownBy(() -> list.delete("nobody@example.com").block())
			.satisfies(ex -> assertThat(ex.getMailgunMessage()).isEqualTo(message));
	}

	@Test
	void everyListPagesThroughThreePagesOfTwo() {
		String domain = this.mock.domain();
		MockSuppressions suppressions = this.mock.suppressions();
		List<String> addresses = List.of("a@example.com", "b@example.com", "c@example.com", "d@example.com",
				"e@example.com", "f@example.com");
		// Added out of order: the lists are ordered by address.
		for (String address : List.of(addresses.get(3), addresses.get(0), addresses.get(5), addresses.get(1),
				addresses.get(4), addresses.get(2))) {
			suppressions.addBounce(domain, address)
				.addUnsubscribe(domain, address)
				.addComplaint(domain, address)
				.allowlistAddress(domain, address);
		}
		assertPages(this.client.bounces(), Bounce::address, addresses, "/bounces");
		assertPages(this.client.unsubscribes(), Unsubscribe::address, addresses, "/unsubscribes");
		assertPages(this.client.complaints(), Complaint::address, addresses, "/complaints");
		assertPages(this.client.allowlist(), AllowlistEntry::value, addresses, "/whitelists");
	}

	private <T> void assertPages(SuppressionOperations<T> list, Function<T, String> address, List<String> expected,
			String path) {
		int before = pageRequests(path);
		assertThat(list.list(SuppressionListOptions.limit(2)).map(address).collectList().block())
			.containsExactlyElementsOf(expected);
		// Three full pages, then the empty page the last one links to.
		assertThat(pageRequests(path) - before).isEqualTo(4);
	}

	private int pageRequests(String path) {
		return (int) this.mock.requests()
			.stream()
			.filter(request -> request.method().equals("GET") && request.path().endsWith(path))
			.count();
	}

	@Test
	void termListsAddressesWithAPrefixAcrossPages() {
		String domain = this.mock.domain();
		for (String address : List.of("ann@example.com", "anna@example.com", "annie@example.com", "bob@example.com")) {
			this.mock.suppressions().addBounce(domain, address);
		}
		assertThat(this.client.bounces()
			.list(SuppressionListOptions.term("ANN").withLimit(2))
			.map(Bounce::address)
			.collectList()
			.block()).containsExactly("ann@example.com", "anna@example.com", "annie@example.com");
	}

	@Test
	void csvImportsAddEntries() {
		String csv = "address,code,error,created_at\n"
				+ "alice@example.com,551,\"moved, no forwarding\",\"Thu, 11 Dec 2025 01:49:40 UTC\"\n"
				+ "not an address,550,,\n" + "bob@example.com,,,\n";
		SuppressionResponse imported = this.client.bounces()
			.importCsv("bounces.csv", csv.getBytes(StandardCharsets.UTF_8))
			.block();
		assertThat(imported.message()).isEqualTo("file uploaded successfully for processing. standby...");
		assertThat(this.client.bounces().list().collectList().block()).containsExactly(
				new Bounce("alice@example.com", "551", "moved, no forwarding", Instant.parse("2025-12-11T01:49:40Z")),
				new Bounce("bob@example.com", "550", "", NOW));
		this.client.allowlist()
			.importCsv("allow.csv", "address,domain\nvip@example.com,\n,partner.example\n".getBytes(StandardCharsets.UTF_8))
			.block();
		assertThat(this.client.allowlist().list().map(entry -> entry.type().value() + ":" + entry.value()).collectList()
			.block()).containsExactly("domain:partner.example", "address:vip@example.com");
		this.client.unsubscribes()
			.importCsv("unsubscribes.csv", "address,tags\ncarol@example.com,promo\n".getBytes(StandardCharsets.UTF_8))
			.block();
		assertThat(this.client.unsubscribes().get("carol@example.com").block().tags()).containsExactly("promo");
		this.client.complaints()
			.importCsv("complaints.csv", "address\ndan@example.com\n".getBytes(StandardCharsets.UTF_8))
			.block();
		assertThat(this.mock.suppressions().isSuppressed(this.mock.domain(), "dan@example.com")).isTrue();
	}

}
