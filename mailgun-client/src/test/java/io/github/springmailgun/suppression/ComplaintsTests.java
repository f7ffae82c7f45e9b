package io.github.springmailgun.suppression;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import static io.github.springmailgun.testing.LoopbackMailgun.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The complaint table: the cases every table shares, the count of older answers, and adding complaints.
 */
class ComplaintsTests extends AbstractSuppressionTableTests<Complaint> {

	private final ComplaintOperations complaints = this.client.complaints();

	ComplaintsTests() {
		super("complaints", MailgunOperations::complaints);
	}

	@Override
	Complaint example() {
		return new Complaint("alice@example.com", Instant.parse("2025-12-11T01:49:40Z"), null);
	}

	@Override
	SuppressionListOptions listOptions() {
		return SuppressionListOptions.term("ali");
	}

	@Override
	String listTarget() {
		return "/v3/mg.example.com/complaints?term=ali";
	}

	@Override
	SuppressionResponse deleted() {
		return new SuppressionResponse("Complaint addresses for this domain have been removed", "foo@bar.com", null,
				null);
	}

	@Override
	String clearedMessage() {
		return "Complaint addresses for this domain have been removed";
	}

	@Override
	String importedMessage() {
		// Sic: Mailgun's documented example.
		return "ffile uploaded successfully for processing. standby...";
	}

	@Override
	String csv() {
		return "address\na@example.com\n";
	}

	@Override
	String item(String address) {
		return "{\"address\":\"" + address + "\",\"created_at\":\"Fri, 21 Oct 2011 11:02:55 UTC\"}";
	}

	@Override
	String address(Complaint entry) {
		return entry.address();
	}

	@Test
	void getReadsTheCountOfOlderResponses() {
		this.server.respond(200,
				"{\"address\":\"baz@example.com\",\"count\":2,\"created_at\":\"Tue, 15 Nov 2011 08:25:11 GMT\"}");
		Complaint complaint = this.complaints.get("baz@example.com").block();
		assertThat(complaint.count()).isEqualTo(2);
		assertThat(complaint.createdAt()).isEqualTo(Instant.parse("2011-11-15T08:25:11Z"));
	}

	@Test
	void addSendsOneComplaintAsAForm() {
		this.server.respond(200, "{\"message\":\"Address has been added to the complaints table\",\"address\":\"alice@example.com\"}");

		SuppressionResponse response = this.complaints
			.add(Complaint.of("alice@example.com").withCreatedAt(Instant.parse("2025-12-11T01:49:40Z")))
			.block();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/complaints");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertAuthorized(request);
		assertThat(LoopbackMailgun.form(request)).containsExactly(Map.entry("address", List.of("alice@example.com")),
				Map.entry("created_at", List.of("Thu, 11 Dec 2025 01:49:40 +0000")));
		assertThat(response.address()).isEqualTo("alice@example.com");
	}

	@Test
	void addAllSendsJsonArraysOfFewerThan1000() {
		List<Complaint> many = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			many.add(Complaint.of("user" + i + "@example.com"));
		}
		this.server.respond(200, fixture(getClass(), "complaints-add.json"))
			.respond(200, fixture(getClass(), "complaints-add.json"));

		List<SuppressionResponse> responses = this.complaints.addAll(many).collectList().block();

		RecordedRequest first = this.server.takeRequest();
		assertThat(first.getMethod()).isEqualTo("POST");
		assertThat(first.getTarget()).isEqualTo("/v3/mg.example.com/complaints");
		assertThat(first.getHeaders().get("Content-Type")).startsWith("application/json");
		assertAuthorized(first);
		assertThat(LoopbackMailgun.json(first).size()).isEqualTo(999);
		assertThat(LoopbackMailgun.json(first).get(0)).isEqualTo(LoopbackMailgun.json("{\"address\":\"user0@example.com\"}"));
		assertThat(LoopbackMailgun.json(this.server.takeRequest()).size()).isEqualTo(1);
		assertThat(responses).hasSize(2)
			.allSatisfy(response -> assertThat(response.message())
				.isEqualTo("2 complaint addresses have been added to the complaints table"));
	}

}
