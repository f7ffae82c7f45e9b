package io.github.springmailgun.suppression;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.springmailgun.error.MailgunNotFoundException;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.support.LoopbackServer;
import io.github.springmailgun.support.LoopbackServer.Part;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.ByteArrayResource;

import static io.github.springmailgun.support.LoopbackServer.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every bounce operation against a loopback server answering with the OpenAPI document's examples.
 */
class BouncesTests {

	private static final String EMPTY_PAGE = "{\"items\":[],\"paging\":{}}";

	private final LoopbackServer server = new LoopbackServer();

	private final BounceOperations bounces = this.server.client().bounces();

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void listSendsLimitAndTermThenFollowsTheNextLinkUntilAnEmptyPage() {
		String next = this.server.baseUrl() + "/v3/mg.example.com/bounces?page=next&address=foo%40bar.com&limit=2";
		this.server.respond(200, fixture(getClass(), "bounces-list.json").replace("<next page url>", next))
			.respond(200, EMPTY_PAGE);

		List<Bounce> all = this.bounces.list(SuppressionListOptions.limit(2).withTerm("foo+")).collectList().block();

		assertThat(all).containsExactly(new Bounce("foo@bar.com", "550", "No such mailbox",
				Instant.parse("2025-12-11T01:49:40Z")));
		RecordedRequest first = this.server.take();
		assertThat(first.getMethod()).isEqualTo("GET");
		assertThat(first.getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/bounces");
		assertThat(first.getUrl().queryParameter("limit")).isEqualTo("2");
		assertThat(first.getUrl().queryParameter("term")).isEqualTo("foo+");
		assertThat(first.getHeaders().get("Authorization")).isEqualTo(LoopbackServer.expectedAuthorization());
		RecordedRequest second = this.server.take();
		assertThat(second.getTarget()).isEqualTo("/v3/mg.example.com/bounces?page=next&address=foo%40bar.com&limit=2");
		assertThat(second.getHeaders().get("Authorization")).isEqualTo(LoopbackServer.expectedAuthorization());
		assertThat(this.server.requestCount()).isEqualTo(2);
	}

	@Test
	void listWithoutOptionsSendsNoQuery() {
		this.server.respond(200, EMPTY_PAGE);
		assertThat(this.bounces.list().collectList().block()).isEmpty();
		assertThat(this.server.take().getTarget()).isEqualTo("/v3/mg.example.com/bounces");
	}

	@Test
	void getReadsOneBounceAndEncodesTheAddressAsOnePathSegment() {
		this.server.respond(200, fixture(getClass(), "bounce-get.json"));

		Bounce bounce = this.bounces.get("foo+1@bar.com").block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/bounces/foo%2B1%40bar.com");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo(LoopbackServer.expectedAuthorization());
		assertThat(bounce.address()).isEqualTo("foo@bar.com");
		assertThat(bounce.code()).isEqualTo("550");
		assertThat(bounce.error()).isEqualTo("No such mailbox");
		assertThat(bounce.createdAt()).isEqualTo(Instant.parse("2025-12-11T01:49:40Z"));
	}

	@Test
	void getOfAnUnknownAddressIsNotFound() {
		this.server.respond(404, "{\"message\":\"Address not found in bounces table\"}");
		assertThatThrownBy(() -> this.bounces.get("nobody@bar.com").block())
			.isInstanceOf(MailgunNotFoundException.class)
			.hasMessageContaining("Address not found in bounces table");
	}

	@Test
	void addSendsOneBounceAsAForm() {
		this.server.respond(200, "{\"message\":\"Address has been added to the bounces table\",\"address\":\"alice@example.com\"}");

		SuppressionResponse response = this.bounces
			.add(Bounce.of("alice@example.com", "550", "Bounced").withCreatedAt(Instant.parse("2025-12-11T01:49:40Z")))
			.block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/bounces");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo(LoopbackServer.expectedAuthorization());
		assertThat(LoopbackServer.form(request)).containsExactly(
				java.util.Map.entry("address", List.of("alice@example.com")), java.util.Map.entry("code", List.of("550")),
				java.util.Map.entry("error", List.of("Bounced")),
				java.util.Map.entry("created_at", List.of("Thu, 11 Dec 2025 01:49:40 +0000")));
		assertThat(response.message()).isEqualTo("Address has been added to the bounces table");
		assertThat(response.address()).isEqualTo("alice@example.com");
	}

	@Test
	void addWithDefaultsSendsTheAddressOnly() {
		this.server.respond(200, "{\"message\":\"Address has been added to the bounces table\"}");
		this.bounces.add(Bounce.of("bob@example.com")).block();
		assertThat(LoopbackServer.form(this.server.take())).containsOnlyKeys("address");
	}

	@Test
	void addAllSendsAJsonArray() {
		this.server.respond(200, fixture(getClass(), "bounces-add.json"));

		List<SuppressionResponse> responses = this.bounces
			.addAll(List.of(Bounce.of("alice@example.com", "550", "Bounced")
				.withCreatedAt(Instant.parse("2025-12-11T01:49:40Z")), Bounce.of("dan@example.com")))
			.collectList()
			.block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/bounces");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo(LoopbackServer.expectedAuthorization());
		assertThat(LoopbackServer.json(request)).isEqualTo(LoopbackServer.json("""
				[{"address":"alice@example.com","code":"550","error":"Bounced",
				  "created_at":"Thu, 11 Dec 2025 01:49:40 +0000"},
				 {"address":"dan@example.com"}]"""));
		assertThat(responses).extracting(SuppressionResponse::message)
			.containsExactly("4 addresses have been added to the bounces table");
	}

	@Test
	void addAllSplitsAtMailgunsLimitOf1000PerRequest() {
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
		JsonNode first = LoopbackServer.json(this.server.take());
		JsonNode second = LoopbackServer.json(this.server.take());
		JsonNode third = LoopbackServer.json(this.server.take());
		assertThat(List.of(first.size(), second.size(), third.size())).containsExactly(1000, 1000, 500);
		assertThat(first.get(0).get("address").asString()).isEqualTo("user0@example.com");
		assertThat(second.get(0).get("address").asString()).isEqualTo("user1000@example.com");
		assertThat(third.get(499).get("address").asString()).isEqualTo("user2499@example.com");
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
	void deleteRemovesOneAddress() {
		this.server.respond(200, fixture(getClass(), "bounce-delete.json"));

		SuppressionResponse response = this.bounces.delete("foo@bar.com").block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/bounces/foo%40bar.com");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo(LoopbackServer.expectedAuthorization());
		assertThat(response.message()).isEqualTo("Bounced addresses for this domain have been removed");
		assertThat(response.address()).isEqualTo("foo@bar.com");
	}

	@Test
	void clearRemovesTheWholeTable() {
		this.server.respond(200, fixture(getClass(), "bounces-clear.json"));

		SuppressionResponse response = this.bounces.clear().block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/bounces");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo(LoopbackServer.expectedAuthorization());
		assertThat(response.message()).isEqualTo("Bounced addresses for this domain have been removed");
	}

	@Test
	void importCsvUploadsAFileFromAPath(@TempDir Path dir) throws Exception {
		Path csv = Files.writeString(dir.resolve("bounces.csv"), "address,code,error\nalice@example.com,550,Bounced\n");
		this.server.respond(202, fixture(getClass(), "bounces-import.json"));

		SuppressionResponse response = this.bounces.importCsv(csv).block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/bounces/import");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo(LoopbackServer.expectedAuthorization());
		assertThat(LoopbackServer.parts(request)).containsExactly(new Part("file", "bounces.csv", "text/csv",
				"address,code,error\nalice@example.com,550,Bounced\n"));
		assertThat(response.message()).isEqualTo("file uploaded successfully for processing. standby...");
	}

	@Test
	void importCsvOfAMissingFileFailsBeforeAnyRequest(@TempDir Path dir) {
		assertThatThrownBy(() -> this.bounces.importCsv(dir.resolve("missing.csv")).block())
			.isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'file'")
			.hasMessageContaining("missing.csv");
		assertThat(this.server.requestCount()).isZero();
	}

	@Test
	void importCsvUploadsAResourceAndBytes() {
		this.server.respond(202, fixture(getClass(), "bounces-import.json"))
			.respond(202, fixture(getClass(), "bounces-import.json"));

		this.bounces.importCsv(new ByteArrayResource("address\na@example.com\n".getBytes()) {
			@Override
			public String getFilename() {
				return "from-resource.csv";
			}
		}).block();
		this.bounces.importCsv("from-bytes.csv", "address\nb@example.com\n".getBytes()).block();

		assertThat(LoopbackServer.parts(this.server.take())).singleElement()
			.isEqualTo(new Part("file", "from-resource.csv", "text/csv", "address\na@example.com\n"));
		assertThat(LoopbackServer.parts(this.server.take())).singleElement()
			.isEqualTo(new Part("file", "from-bytes.csv", "text/csv", "address\nb@example.com\n"));
	}

	@Test
	void importCsvOfAResourceWithoutNameUsesADefaultName() {
		this.server.respond(202, fixture(getClass(), "bounces-import.json"));
		this.bounces.importCsv(new ByteArrayResource("address\n".getBytes())).block();
		assertThat(LoopbackServer.parts(this.server.take())).singleElement()
			.extracting(Part::filename)
			.isEqualTo("import.csv");
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

	@Test
	void forDomainBindsTheOtherDomain() {
		this.server.respond(200, fixture(getClass(), "bounces-clear.json"));
		this.server.client().forDomain("other.example.com").bounces().clear().block();
		assertThat(this.server.take().getTarget()).isEqualTo("/v3/other.example.com/bounces");
	}

}
