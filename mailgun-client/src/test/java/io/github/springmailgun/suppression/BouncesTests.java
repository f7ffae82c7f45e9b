package io.github.springmailgun.suppression;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.springmailgun.testing.LoopbackMailgun.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bounce table: the cases every table shares, and adding bounces one at a time and in batches.
 */
class BouncesTests extends AbstractSuppressionTableTests<Bounce> {

	private final BounceOperations bounces = this.client.bounces();

	BouncesTests() {
		super("bounces", MailgunOperations::bounces);
	}

	@Override
	Bounce example() {
		return new Bounce("foo@bar.com", "550", "No such mailbox", Instant.parse("2025-12-11T01:49:40Z"));
	}

	@Override
	SuppressionListOptions listOptions() {
		return SuppressionListOptions.limit(2).withTerm("foo+");
	}

	@Override
	String listTarget() {
		return "/v3/mg.example.com/bounces?limit=2&term=foo%2B";
	}

	@Override
	String getKey() {
		return "foo+1@bar.com";
	}

	@Override
	String encodedGetKey() {
		return "foo%2B1%40bar.com";
	}

	@Override
	SuppressionResponse deleted() {
		return new SuppressionResponse("Bounced addresses for this domain have been removed", "foo@bar.com", null,
				null);
	}

	@Override
	String clearedMessage() {
		return "Bounced addresses for this domain have been removed";
	}

	@Override
	String importedMessage() {
		return "file uploaded successfully for processing. standby...";
	}

	@Override
	String csv() {
		return "address,code,error\nalice@example.com,550,Bounced\n";
	}

	@Override
	String item(String address) {
		return "{\"address\":\"" + address
				+ "\",\"code\":\"550\",\"error\":\"\",\"created_at\":\"Fri, 21 Oct 2011 11:02:55 UTC\"}";
	}

	@Override
	String address(Bounce entry) {
		return entry.address();
	}

	@Test
	void addSendsOneBounceAsAForm() {
		this.server.respond(200, "{\"message\":\"Address has been added to the bounces table\",\"address\":\"alice@example.com\"}");

		SuppressionResponse response = this.bounces
			.add(Bounce.of("alice@example.com", "550", "Bounced").withCreatedAt(Instant.parse("2025-12-11T01:49:40Z")))
			.block();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/bounces");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertAuthorized(request);
		assertThat(LoopbackMailgun.form(request)).containsExactly(Map.entry("address", List.of("alice@example.com")),
				Map.entry("code", List.of("550")), Map.entry("error", List.of("Bounced")),
				Map.entry("created_at", List.of("Thu, 11 Dec 2025 01:49:40 +0000")));
		assertThat(response.message()).isEqualTo("Address has been added to the bounces table");
		assertThat(response.address()).isEqualTo("alice@example.com");
	}

	@Test
	void addWithDefaultsSendsTheAddressOnly() {
		this.server.respond(200, "{\"message\":\"Address has been added to the bounces table\"}");
		this.bounces.add(Bounce.of("bob@example.com")).block();
		assertThat(LoopbackMailgun.form(this.server.takeRequest())).containsOnlyKeys("address");
	}

	@Test
	void addAllSendsAJsonArray() {
		this.server.respond(200, fixture(getClass(), "bounces-add.json"));

		List<SuppressionResponse> responses = this.bounces
			.addAll(List.of(Bounce.of("alice@example.com", "550", "Bounced")
				.withCreatedAt(Instant.parse("2025-12-11T01:49:40Z")), Bounce.of("dan@example.com")))
			.collectList()
			.block();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/bounces");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
		assertAuthorized(request);
		assertThat(LoopbackMailgun.json(request)).isEqualTo(LoopbackMailgun.json("""
				[{"address":"alice@example.com","code":"550","error":"Bounced",
				  "created_at":"Thu, 11 Dec 2025 01:49:40 +0000"},
				 {"address":"dan@example.com"}]"""));
		assertThat(responses).extracting(SuppressionResponse::message)
			.containsExactly("4 addresses have been added to the bounces table");
	}

	@Test
	void addAllSplitsBelowMailgunsLimitOf1000PerRequest() {
		List<Bounce> many = new ArrayList<>();
		for (int i = 0; i < 2500; i++) {
			many.add(Bounce.of("user" + i + "@example.com"));
		}
		for (int i = 0; i < 3; i++) {
			this.server.respond(200, "{\"message\":\"batch " + i + " added\"}");
		}

		List<SuppressionResponse> responses = this.bounces.addAll(many).collectList().block();

		assertThat(responses).extracting(SuppressionResponse::message)
			.containsExactly("batch 0 added", "batch 1 added", "batch 2 added");
		assertThat(this.server.requestCount()).isEqualTo(3);
		JsonNode first = LoopbackMailgun.json(this.server.takeRequest());
		JsonNode second = LoopbackMailgun.json(this.server.takeRequest());
		JsonNode third = LoopbackMailgun.json(this.server.takeRequest());
		assertThat(List.of(first.size(), second.size(), third.size())).containsExactly(999, 999, 502);
		assertThat(first.get(0).get("address").asString()).isEqualTo("user0@example.com");
		assertThat(second.get(0).get("address").asString()).isEqualTo("user999@example.com");
		assertThat(third.get(501).get("address").asString()).isEqualTo("user2499@example.com");
	}

	@Test
	void addAllOfExactly1000EntriesMakesTwoRequests() {
		// "Batch size should be less than 1000": a batch of exactly 1,000 would be refused.
		List<Bounce> many = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			many.add(Bounce.of("user" + i + "@example.com"));
		}
		this.server.respond(200, "{\"message\":\"999 addresses have been added to the bounces table\"}");
		this.server.respond(200, "{\"message\":\"1 address has been added to the bounces table\"}");

		assertThat(this.bounces.addAll(many).collectList().block()).hasSize(2);

		assertThat(LoopbackMailgun.json(this.server.takeRequest()).size()).isEqualTo(999);
		assertThat(LoopbackMailgun.json(this.server.takeRequest()).size()).isEqualTo(1);
		this.server.assertNoMoreRequests();
	}

	@Test
	void addAllChecksEveryEntryBeforeTheFirstRequest() {
		List<Bounce> many = new ArrayList<>();
		for (int i = 0; i < 1500; i++) {
			many.add(Bounce.of((i == 1400) ? " " : "user" + i + "@example.com"));
		}
		assertThatThrownBy(() -> this.bounces.addAll(many).blockLast()).isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'address'");
		assertThat(this.server.requestCount()).isZero();
	}

	@Test
	void addAllOfNothingSendsNothing() {
		assertThat(this.bounces.addAll(List.of()).collectList().block()).isEmpty();
		assertThat(this.server.requestCount()).isZero();
	}

	@Test
	void blankAddressesFailBeforeAnyRequest() {
		assertThatThrownBy(() -> this.bounces.get(" ").block()).isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'address'");
		assertThatThrownBy(() -> this.bounces.delete("").block()).isInstanceOf(MailgunValidationException.class);
		assertThatThrownBy(() -> this.bounces.add(Bounce.of(" ")).block())
			.isInstanceOf(MailgunValidationException.class);
		assertThatThrownBy(() -> SuppressionListOptions.limit(1001)).isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'limit'");
		assertThat(this.server.requestCount()).isZero();
	}

	@Test
	void nothingIsSentUntilSubscribed() {
		this.bounces.clear();
		this.bounces.list();
		this.bounces.add(Bounce.of("a@example.com"));
		assertThat(this.server.requestCount()).isZero();
	}

}
