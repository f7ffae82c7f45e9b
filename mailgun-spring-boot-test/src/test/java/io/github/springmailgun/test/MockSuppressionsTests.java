package io.github.springmailgun.test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of the mock's suppression lists as the send path asks them (allowlist, bounce updates, tags,
 * reasons), and the raw JSON of its answers where the client hides it (paging links, field names, dates).
 */
class MockSuppressionsTests {

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	private final MockClock clock = MockClock.manual(NOW);

	private final MailgunMockServer mock = MailgunMockServer.builder().clock(this.clock).start();

	private final MockSuppressions suppressions = this.mock.suppressions();

	private final String domain = this.mock.domain();

	private final RawHttp http = new RawHttp(this.mock);

	@AfterEach
	void stop() {
		this.mock.close();
	}

	@Test
	void aBounceOfAnAllowlistedAddressAddsNothing() {
		this.suppressions.allowlistAddress(this.domain, "vip@example.com");
		assertThat(this.suppressions.bounce(this.domain, "VIP@example.com", 550, "no such mailbox")).isFalse();
		assertThat(this.suppressions.bounces(this.domain)).isEmpty();
		assertThat(this.suppressions.suppressionReason(this.domain, "vip@example.com", List.of())).isNull();
	}

	@Test
	void aBounceOfAnAddressOfAnAllowlistedDomainAddsNothing() {
		this.suppressions.allowlistDomain(this.domain, "Partner.example");
		assertThat(this.suppressions.bounce(this.domain, "anyone@partner.EXAMPLE", 550, "no such mailbox")).isFalse();
		assertThat(this.suppressions.bounce(this.domain, "anyone@sub.partner.example", 550, "no such mailbox"))
			.isTrue();
		assertThat(this.suppressions.bounces(this.domain)).extracting(entry -> entry.get("address"))
			.containsExactly("anyone@sub.partner.example");
	}

	@Test
	void anAddressBouncedBeforeItWasAllowlistedStaysSuppressed() {
		assertThat(this.suppressions.bounce(this.domain, "bob@example.com", 550, "no such mailbox")).isTrue();
		this.suppressions.allowlistAddress(this.domain, "bob@example.com");
		assertThat(this.suppressions.suppressionReason(this.domain, "bob@example.com", List.of()))
			.isEqualTo("suppress-bounce");
		assertThat(this.suppressions.bounce(this.domain, "bob@example.com", 552, "over quota")).isFalse();
		assertThat(this.suppressions.bounces(this.domain)).singleElement()
			.satisfies(entry -> assertThat(entry).containsEntry("code", "550"));
	}

	@Test
	void aSecondBounceUpdatesTheEntry() {
		assertThat(this.suppressions.bounce(this.domain, "bob@example.com", 550, "no such mailbox")).isTrue();
		this.clock.advance(Duration.ofHours(1));
		assertThat(this.suppressions.bounce(this.domain, "Bob@example.com", 552, "over quota")).isTrue();
		assertThat(this.suppressions.bounces(this.domain)).containsExactly(Map.of("address", "Bob@example.com", "code",
				"552", "error", "over quota", "created_at", "Thu, 01 Jan 2026 11:00:00 UTC"));
	}

	@Test
	void reasonsComeFromBouncesThenUnsubscribesThenComplaints() {
		this.suppressions.addBounce(this.domain, "all@example.com")
			.addUnsubscribe(this.domain, "all@example.com")
			.addComplaint(this.domain, "all@example.com");
		assertThat(reason("ALL@example.com")).isEqualTo("suppress-bounce");
		this.suppressions.remove(this.domain, SuppressionKind.BOUNCES, "all@example.com");
		assertThat(reason("all@example.com")).isEqualTo("suppress-unsubscribe");
		this.suppressions.remove(this.domain, SuppressionKind.UNSUBSCRIBES, "all@example.com");
		assertThat(reason("all@example.com")).isEqualTo("suppress-complaint");
		assertThat(this.suppressions.suppressionReason("other.example.com", "all@example.com", List.of())).isNull();
		assertThat(reason("nobody@example.com")).isNull();
	}

	@Test
	void unsubscribesFromTheSendPathAddTags() {
		this.suppressions.unsubscribe(this.domain, "alice@example.com", "newsletter");
		this.suppressions.unsubscribe(this.domain, "alice@example.com", "promo");
		assertThat(this.suppressions.unsubscribes(this.domain)).singleElement()
			.satisfies(entry -> assertThat(entry.get("tags")).isEqualTo(List.of("newsletter", "promo")));
		assertThat(this.suppressions.suppressionReason(this.domain, "alice@example.com", List.of("orders", "promo")))
			.isEqualTo("suppress-unsubscribe");
		assertThat(this.suppressions.isSuppressed(this.domain, "alice@example.com")).isFalse();
		this.suppressions.unsubscribe(this.domain, "alice@example.com", null);
		assertThat(this.suppressions.isSuppressed(this.domain, "alice@example.com")).isTrue();
		this.suppressions.complain(this.domain, "carol@example.com");
		assertThat(reason("carol@example.com")).isEqualTo("suppress-complaint");
	}

	@Test
	void pagesCarryMailgunsFieldsAndLinks() {
		for (String name : List.of("e", "a", "d", "b", "c")) {
			this.suppressions.addBounce(this.domain, name + "@example.com");
		}
		String list = "/v3/" + this.domain + "/bounces";
		String url = this.mock.baseUrl() + list;
		Map<String, Object> first = json(this.http.get(list + "?limit=2"));
		assertThat(first.get("items")).isEqualTo(List.of(
				Map.of("address", "a@example.com", "code", "550", "error", "", "created_at",
						"Thu, 01 Jan 2026 10:00:00 UTC"),
				Map.of("address", "b@example.com", "code", "550", "error", "", "created_at",
						"Thu, 01 Jan 2026 10:00:00 UTC")));
		assertThat(first.get("paging")).isEqualTo(Map.of("first", url + "?limit=2", "last", url + "?page=last&limit=2",
				"next", url + "?page=next&address=b%40example.com&limit=2", "previous",
				url + "?page=previous&address=a%40example.com&limit=2"));
		Map<String, Object> second = json(this.http.get(link(first, "next")));
		assertThat(addresses(second)).containsExactly("c@example.com", "d@example.com");
		assertThat(addresses(json(this.http.get(link(second, "previous"))))).containsExactly("a@example.com",
				"b@example.com");
		assertThat(addresses(json(this.http.get(link(second, "last"))))).containsExactly("d@example.com",
				"e@example.com");
		Map<String, Object> third = json(this.http.get(link(second, "next")));
		assertThat(addresses(third)).containsExactly("e@example.com");
		assertThat(addresses(json(this.http.get(link(third, "next"))))).isEmpty();
	}

	@Test
	void entriesOfEachListHaveMailgunsFieldNames() {
		this.suppressions.addUnsubscribe(this.domain, "alice@example.com", "promo")
			.addComplaint(this.domain, "bob@example.com")
			.allowlistDomain(this.domain, "partner.example");
		String base = "/v3/" + this.domain;
		assertThat(json(this.http.get(base + "/unsubscribes/alice@example.com"))).containsExactly(
				Map.entry("address", "alice@example.com"), Map.entry("tags", List.of("promo")),
				Map.entry("created_at", "Thu, 01 Jan 2026 10:00:00 UTC"));
		assertThat(json(this.http.get(base + "/complaints/bob%40example.com"))).containsExactly(
				Map.entry("address", "bob@example.com"), Map.entry("created_at", "Thu, 01 Jan 2026 10:00:00 UTC"));
		assertThat(json(this.http.get(base + "/whitelists/partner.example"))).containsExactly(
				Map.entry("type", "domain"), Map.entry("value", "partner.example"), Map.entry("reason", ""),
				Map.entry("createdAt", "Thu, 01 Jan 2026 10:00:00 UTC"));
	}

	@Test
	void aBatchOf1000IsRefusedWhole() {
		StringBuilder batch = new StringBuilder("[");
		for (int i = 0; i < 1000; i++) {
			batch.append((i > 0) ? "," : "").append("{\"address\":\"user").append(i).append("@example.com\"}");
		}
		HttpResponse<String> response = this.http.post("/v3/" + this.domain + "/bounces", "application/json",
				batch.append(']').toString().getBytes(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"message\":\"Batch size should be less than 1000\"}");
		assertThat(this.suppressions.bounces(this.domain)).isEmpty();
	}

	@Test
	void aJsonBatchTakesMailgunsFieldsAndTheExampleSpellingOfCreatedAt() {
		HttpResponse<String> response = this.http.post("/v3/" + this.domain + "/unsubscribes", "application/json",
				("[{\"address\":\"alice@example.com\",\"tags\":[\"some tag\"],\"createdat\":\"Thu, 11 Dec 2025 01:49:40 UTC\"},"
						+ "{\"address\":\"bob@example.com\",\"tags\":[]}]")
					.getBytes(StandardCharsets.UTF_8));
		assertThat(response.body()).isEqualTo("{\"message\":\"2 addresses have been added to the unsubscribes table\"}");
		assertThat(this.suppressions.unsubscribes(this.domain)).containsExactly(
				Map.of("address", "alice@example.com", "tags", List.of("some tag"), "created_at",
						"Thu, 11 Dec 2025 01:49:40 UTC"),
				Map.of("address", "bob@example.com", "tags", List.of("*"), "created_at", "Thu, 01 Jan 2026 10:00:00 UTC"));
	}

	@Test
	void invalidRequestsAnswer400() {
		String base = "/v3/" + this.domain;
		assertBadRequest(this.http.get(base + "/bounces?limit=1001"), "Invalid limit: must be between 1 and 1000, was 1001");
		assertBadRequest(form(base + "/bounces", "code", "550"), "Missing mandatory parameter: address");
		assertBadRequest(form(base + "/complaints", "address", "Bob <bob@example.com>"),
				"'address' parameter is not a valid address: 'Bob <bob@example.com>'");
		assertBadRequest(form(base + "/unsubscribes", "address", "bob@example.com", "created_at", "yesterday"),
				"Invalid created_at: 'yesterday' is not an RFC 2822 date");
		assertBadRequest(form(base + "/whitelists", "reason", "why not"), "Missing mandatory parameter: address/domain");
		assertThat(this.suppressions.isSuppressed(this.domain, "bob@example.com")).isFalse();
	}

	@Test
	void anUnknownDomainAnswers404() {
		HttpResponse<String> response = this.http.get("/v3/unknown.example.com/bounces");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).isEqualTo("{\"message\":\"Domain not found: unknown.example.com\"}");
	}

	@Test
	void resetEmptiesEveryList() {
		this.suppressions.addBounce(this.domain, "a@example.com")
			.addUnsubscribe(this.domain, "a@example.com")
			.addComplaint(this.domain, "a@example.com")
			.allowlistAddress(this.domain, "a@example.com");
		this.mock.reset();
		assertThat(this.suppressions.bounces(this.domain)).isEmpty();
		assertThat(this.suppressions.unsubscribes(this.domain)).isEmpty();
		assertThat(this.suppressions.complaints(this.domain)).isEmpty();
		assertThat(this.suppressions.allowlist(this.domain)).isEmpty();
	}

	@Test
	void deletingListsAndEntriesGoesThroughDeleteRequests() {
		this.suppressions.addBounce(this.domain, "a@example.com").addBounce(this.domain, "b@example.com");
		HttpResponse<String> one = delete("/v3/" + this.domain + "/bounces/a@example.com");
		assertThat(one.body()).isEqualTo(
				"{\"message\":\"Bounced addresses for this domain have been removed\",\"address\":\"a@example.com\"}");
		HttpResponse<String> all = delete("/v3/" + this.domain + "/bounces");
		assertThat(all.body()).isEqualTo("{\"message\":\"Bounced addresses for this domain have been removed\"}");
		assertThat(this.suppressions.bounces(this.domain)).isEmpty();
	}

	private @org.jspecify.annotations.Nullable String reason(String address) {
		return this.suppressions.suppressionReason(this.domain, address, List.of());
	}

	private HttpResponse<String> form(String path, String... namesAndValues) {
		return this.http.post(path, "application/x-www-form-urlencoded",
				RawHttp.urlEncoded(namesAndValues).getBytes(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> delete(String path) {
		return this.http.send(HttpRequest.newBuilder(this.http.uri(path))
			.header("Authorization", this.http.auth())
			.DELETE()
			.build());
	}

	private static void assertBadRequest(HttpResponse<String> response, String message) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(MockJson.readObject(response.body())).containsExactly(Map.entry("message", message));
	}

	private static Map<String, Object> json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Map<String, Object> json = MockJson.readObject(response.body());
		assertThat(json).as(response.body()).isNotNull();
		return json;
	}

	private String link(Map<String, Object> page, String name) {
		String link = (String) ((Map<?, ?>) page.get("paging")).get(name);
		return link.substring(this.mock.baseUrl().toString().length());
	}

	private static List<Object> addresses(Map<String, Object> page) {
		List<Object> addresses = new ArrayList<>();
		for (Object item : (List<?>) page.get("items")) {
			addresses.add(((Map<?, ?>) item).get("address"));
		}
		return addresses;
	}

}
