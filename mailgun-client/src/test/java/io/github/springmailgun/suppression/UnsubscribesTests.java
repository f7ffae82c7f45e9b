package io.github.springmailgun.suppression;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.support.LoopbackServer;
import io.github.springmailgun.support.LoopbackServer.Part;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.springmailgun.support.LoopbackServer.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every unsubscribe operation against a loopback server answering with the OpenAPI document's examples.
 */
class UnsubscribesTests {

	private final LoopbackServer server = new LoopbackServer();

	private final UnsubscribeOperations unsubscribes = this.server.client().unsubscribes();

	@AfterEach
	void stop() {
		this.server.close();
	}

	private static void assertAuthorized(RecordedRequest request) {
		assertThat(request.getHeaders().get("Authorization")).isEqualTo(LoopbackServer.expectedAuthorization());
	}

	@Test
	void listFollowsTheNextLinkUntilAnEmptyPage() {
		String next = this.server.baseUrl() + "/v3/mg.example.com/unsubscribes?page=next&address=alice%40example.com";
		this.server.respond(200, fixture(getClass(), "unsubscribes-list.json").replace("<next page url>", next))
			.respond(200, "{\"items\":[],\"paging\":{}}");

		List<Unsubscribe> all = this.unsubscribes.list(SuppressionListOptions.limit(1000)).collectList().block();

		assertThat(all).containsExactly(
				new Unsubscribe("alice@example.com", List.of("some tag"), Instant.parse("2025-12-11T01:49:40Z")));
		RecordedRequest first = this.server.take();
		assertThat(first.getMethod()).isEqualTo("GET");
		assertThat(first.getTarget()).isEqualTo("/v3/mg.example.com/unsubscribes?limit=1000");
		assertAuthorized(first);
		assertThat(this.server.take().getTarget())
			.isEqualTo("/v3/mg.example.com/unsubscribes?page=next&address=alice%40example.com");
	}

	@Test
	void getReadsOneUnsubscribe() {
		this.server.respond(200, fixture(getClass(), "unsubscribe-get.json"));

		Unsubscribe unsubscribe = this.unsubscribes.get("alice@example.com").block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/unsubscribes/alice%40example.com");
		assertAuthorized(request);
		assertThat(unsubscribe).isEqualTo(
				new Unsubscribe("alice@example.com", List.of("some tag"), Instant.parse("2025-12-11T01:49:40Z")));
	}

	@Test
	void addWithOneTagSendsAForm() {
		this.server.respond(200, "{\"message\":\"Address has been added to the unsubscribes table\",\"address\":\"alice@example.com\"}");

		SuppressionResponse response = this.unsubscribes
			.add(Unsubscribe.of("alice@example.com", "newsletter").withCreatedAt(Instant.parse("2011-10-21T11:02:55Z")))
			.block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/unsubscribes");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertAuthorized(request);
		assertThat(LoopbackServer.form(request)).containsExactly(Map.entry("address", List.of("alice@example.com")),
				Map.entry("tag", List.of("newsletter")),
				Map.entry("created_at", List.of("Fri, 21 Oct 2011 11:02:55 +0000")));
		assertThat(response.address()).isEqualTo("alice@example.com");
	}

	@Test
	void addWithoutTagsUnsubscribesFromAllMail() {
		this.server.respond(200, "{\"message\":\"Address has been added to the unsubscribes table\"}");
		this.unsubscribes.add(Unsubscribe.of("bob@example.com")).block();
		assertThat(LoopbackServer.form(this.server.take())).containsExactly(Map.entry("address", List.of("bob@example.com")));
	}

	@Test
	void addWithSeveralTagsSendsAJsonBatchOfOne() {
		this.server.respond(200, "{\"message\":\"1 addresses have been added to the unsubscribes table\"}");

		this.unsubscribes.add(Unsubscribe.of("carol@example.com", "news", "offers")).block();

		RecordedRequest request = this.server.take();
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
		assertThat(LoopbackServer.json(request))
			.isEqualTo(LoopbackServer.json("[{\"address\":\"carol@example.com\",\"tags\":[\"news\",\"offers\"]}]"));
	}

	@Test
	void addAllSendsAJsonArrayWithTags() {
		this.server.respond(200, fixture(getClass(), "unsubscribes-add.json"));

		List<SuppressionResponse> responses = this.unsubscribes
			.addAll(List.of(
					Unsubscribe.of("alice@example.com", "some tag").withCreatedAt(Instant.parse("2025-12-11T01:49:40Z")),
					Unsubscribe.of("bob@example.com", Unsubscribe.ALL), Unsubscribe.of("carol@example.com")))
			.collectList()
			.block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/unsubscribes");
		assertAuthorized(request);
		assertThat(LoopbackServer.json(request)).isEqualTo(LoopbackServer.json("""
				[{"address":"alice@example.com","tags":["some tag"],"created_at":"Thu, 11 Dec 2025 01:49:40 +0000"},
				 {"address":"bob@example.com","tags":["*"]},
				 {"address":"carol@example.com"}]"""));
		assertThat(responses).singleElement()
			.extracting(SuppressionResponse::message)
			.isEqualTo("4 addresses have been added to the unsubscribes table");
	}

	@Test
	void deleteRemovesOneAddress() {
		this.server.respond(200, fixture(getClass(), "unsubscribe-delete.json"));

		SuppressionResponse response = this.unsubscribes.delete("foo@bar.com").block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/unsubscribes/foo%40bar.com");
		assertAuthorized(request);
		assertThat(response.message()).isEqualTo("Unsubscribe event has been removed");
		assertThat(response.address()).isEqualTo("foo@bar.com");
	}

	@Test
	void deleteFromOneTagSendsTheTag() {
		this.server.respond(200, fixture(getClass(), "unsubscribe-delete.json"));

		this.unsubscribes.delete("foo@bar.com", "news & offers").block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/unsubscribes/foo%40bar.com");
		assertThat(request.getUrl().queryParameterValues("tag")).containsExactly("news & offers");
		assertAuthorized(request);
	}

	@Test
	void clearRemovesTheWholeTable() {
		this.server.respond(200, fixture(getClass(), "unsubscribes-clear.json"));

		SuppressionResponse response = this.unsubscribes.clear().block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/unsubscribes");
		assertAuthorized(request);
		assertThat(response.message()).isEqualTo("Unsubscribe addresses for this domain have been removed");
	}

	@Test
	void importCsvUploadsTheFile() {
		this.server.respond(202, fixture(getClass(), "unsubscribes-import.json"));

		SuppressionResponse response = this.unsubscribes.importCsv("unsubscribes.csv", "address,tags\na@example.com,*\n".getBytes())
			.block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/unsubscribes/import");
		assertAuthorized(request);
		assertThat(LoopbackServer.parts(request)).containsExactly(
				new Part("file", "unsubscribes.csv", "text/csv", "address,tags\na@example.com,*\n"));
		assertThat(response.message()).isEqualTo("file uploaded successfully for processing. standby...");
	}

	@Test
	void blankTagsFailBeforeAnyRequest() {
		assertThatThrownBy(() -> this.unsubscribes.delete("a@example.com", " ").block())
			.isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'tag'");
		assertThatThrownBy(() -> this.unsubscribes.addAll(List.of(Unsubscribe.of("a@example.com", "x", ""))).blockLast())
			.isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'tags'");
		assertThat(this.server.requestCount()).isZero();
	}

}
