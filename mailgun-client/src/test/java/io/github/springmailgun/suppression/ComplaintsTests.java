package io.github.springmailgun.suppression;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.support.LoopbackServer;
import io.github.springmailgun.support.LoopbackServer.Part;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.springmailgun.support.LoopbackServer.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every complaint operation against a loopback server answering with the OpenAPI document's examples.
 */
class ComplaintsTests {

	private final LoopbackServer server = new LoopbackServer();

	private final ComplaintOperations complaints = this.server.client().complaints();

	@AfterEach
	void stop() {
		this.server.close();
	}

	private static void assertAuthorized(RecordedRequest request) {
		assertThat(request.getHeaders().get("Authorization")).isEqualTo(LoopbackServer.expectedAuthorization());
	}

	@Test
	void listFollowsTheNextLinkUntilAnEmptyPage() {
		String next = this.server.baseUrl() + "/v3/mg.example.com/complaints?page=next&address=alice%40example.com";
		this.server.respond(200, fixture(getClass(), "complaints-list.json").replace("<next page url>", next))
			.respond(200, "{\"items\":[],\"paging\":{}}");

		List<Complaint> all = this.complaints.list(SuppressionListOptions.term("ali")).collectList().block();

		assertThat(all).containsExactly(new Complaint("alice@example.com", Instant.parse("2025-12-11T01:49:40Z"), null));
		RecordedRequest first = this.server.take();
		assertThat(first.getMethod()).isEqualTo("GET");
		assertThat(first.getTarget()).isEqualTo("/v3/mg.example.com/complaints?term=ali");
		assertAuthorized(first);
		assertThat(this.server.take().getTarget())
			.isEqualTo("/v3/mg.example.com/complaints?page=next&address=alice%40example.com");
	}

	@Test
	void getReadsOneComplaint() {
		this.server.respond(200, fixture(getClass(), "complaint-get.json"));

		Complaint complaint = this.complaints.get("alice@example.com").block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/complaints/alice%40example.com");
		assertAuthorized(request);
		assertThat(complaint.address()).isEqualTo("alice@example.com");
		assertThat(complaint.createdAt()).isEqualTo(Instant.parse("2025-12-11T01:49:40Z"));
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

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/complaints");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertAuthorized(request);
		assertThat(LoopbackServer.form(request)).containsExactly(Map.entry("address", List.of("alice@example.com")),
				Map.entry("created_at", List.of("Thu, 11 Dec 2025 01:49:40 +0000")));
		assertThat(response.address()).isEqualTo("alice@example.com");
	}

	@Test
	void addAllSendsJsonArraysOfAtMost1000() {
		List<Complaint> many = new ArrayList<>();
		for (int i = 0; i < 1001; i++) {
			many.add(Complaint.of("user" + i + "@example.com"));
		}
		this.server.respond(200, fixture(getClass(), "complaints-add.json"))
			.respond(200, fixture(getClass(), "complaints-add.json"));

		List<SuppressionResponse> responses = this.complaints.addAll(many).collectList().block();

		RecordedRequest first = this.server.take();
		assertThat(first.getMethod()).isEqualTo("POST");
		assertThat(first.getTarget()).isEqualTo("/v3/mg.example.com/complaints");
		assertThat(first.getHeaders().get("Content-Type")).startsWith("application/json");
		assertAuthorized(first);
		assertThat(LoopbackServer.json(first).size()).isEqualTo(1000);
		assertThat(LoopbackServer.json(first).get(0)).isEqualTo(LoopbackServer.json("{\"address\":\"user0@example.com\"}"));
		assertThat(LoopbackServer.json(this.server.take()).size()).isEqualTo(1);
		assertThat(responses).hasSize(2)
			.allSatisfy(response -> assertThat(response.message())
				.isEqualTo("2 complaint addresses have been added to the complaints table"));
	}

	@Test
	void deleteRemovesOneAddress() {
		this.server.respond(200, fixture(getClass(), "complaint-delete.json"));

		SuppressionResponse response = this.complaints.delete("foo@bar.com").block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/complaints/foo%40bar.com");
		assertAuthorized(request);
		assertThat(response.message()).isEqualTo("Complaint addresses for this domain have been removed");
		assertThat(response.address()).isEqualTo("foo@bar.com");
	}

	@Test
	void clearRemovesTheWholeTable() {
		this.server.respond(200, fixture(getClass(), "complaints-clear.json"));

		SuppressionResponse response = this.complaints.clear().block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/complaints");
		assertAuthorized(request);
		assertThat(response.message()).isEqualTo("Complaint addresses for this domain have been removed");
	}

	@Test
	void importCsvUploadsTheFile() {
		this.server.respond(202, fixture(getClass(), "complaints-import.json"));

		SuppressionResponse response = this.complaints.importCsv("complaints.csv", "address\na@example.com\n".getBytes())
			.block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/complaints/import");
		assertAuthorized(request);
		assertThat(LoopbackServer.parts(request))
			.containsExactly(new Part("file", "complaints.csv", "text/csv", "address\na@example.com\n"));
		assertThat(response.message()).isEqualTo("ffile uploaded successfully for processing. standby...");
	}

}
