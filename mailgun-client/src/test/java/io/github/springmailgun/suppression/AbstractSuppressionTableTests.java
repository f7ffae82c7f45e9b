package io.github.springmailgun.suppression;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.error.MailgunNotFoundException;
import io.github.springmailgun.error.MailgunServerException;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.testing.LoopbackMailgun;
import io.github.springmailgun.testing.LoopbackMailgun.Part;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import org.springframework.core.io.ByteArrayResource;

import static io.github.springmailgun.testing.LoopbackMailgun.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every suppression table offers, run for each table by a subclass against a loopback server that
 * answers with the OpenAPI document's examples: listing and its lazy paging (stopped by cancellation,
 * ended by an empty page, never following a link to a host the API key must not reach), lookup,
 * deletion, clearing and CSV import.
 *
 * @param <T> the entry type
 */
abstract class AbstractSuppressionTableTests<T> {

	final LoopbackMailgun server = new LoopbackMailgun();

	final MailgunTemplate client = this.server.client();

	/** The table's path segment, which also names its examples ({@code bounces-list.json}, {@code bounce-get.json}). */
	private final String table;

	private final Function<MailgunOperations, SuppressionOperations<T>> operationsOf;

	private final SuppressionOperations<T> operations;

	AbstractSuppressionTableTests(String table, Function<MailgunOperations, SuppressionOperations<T>> operationsOf) {
		this.table = table;
		this.operationsOf = operationsOf;
		this.operations = operationsOf.apply(this.client);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	/** Returns the entry of the list and get examples. */
	abstract T example();

	/** Returns the options of the list test. */
	abstract SuppressionListOptions listOptions();

	/** Returns the target of the list test's first request, with the query the options give. */
	abstract String listTarget();

	/** Returns the key the get test looks up. */
	String getKey() {
		return "alice@example.com";
	}

	/** Returns the path segment the get test's key must be encoded to. */
	String encodedGetKey() {
		return "alice%40example.com";
	}

	/** Returns the key the delete test deletes. */
	String deleteKey() {
		return "foo@bar.com";
	}

	/** Returns the path segment the delete test's key must be encoded to. */
	String encodedDeleteKey() {
		return "foo%40bar.com";
	}

	/** Returns Mailgun's documented answer to a delete. */
	abstract SuppressionResponse deleted();

	/** Returns the message of Mailgun's documented answer to a clear. */
	abstract String clearedMessage();

	/** Returns the message of Mailgun's documented answer to an import. */
	abstract String importedMessage();

	/** Returns a CSV file of entries of this table. */
	abstract String csv();

	/** Returns one item of a page, in the table's JSON, for the given address. */
	abstract String item(String address);

	/** Returns the address of an entry. */
	abstract String address(T entry);

	private String path() {
		return "/v3/mg.example.com/" + this.table;
	}

	private String singular() {
		return this.table.substring(0, this.table.length() - 1);
	}

	static void assertAuthorized(RecordedRequest request) {
		assertThat(request.getHeaders().get("Authorization")).isEqualTo(LoopbackMailgun.expectedAuthorization());
	}

	@Test
	void listSendsTheOptionsThenFollowsTheNextLinkUntilAnEmptyPage() {
		String next = this.server.baseUrl() + path() + "?page=next&address=alice%40example.com";
		this.server.respond(200, fixture(getClass(), this.table + "-list.json").replace("<next page url>", next))
			.respond(200, "{\"items\":[],\"paging\":{}}");

		List<T> all = this.operations.list(listOptions()).collectList().block();

		assertThat(all).containsExactly(example());
		RecordedRequest first = this.server.takeRequest();
		assertThat(first.getMethod()).isEqualTo("GET");
		assertThat(first.getTarget()).isEqualTo(listTarget());
		assertAuthorized(first);
		RecordedRequest second = this.server.takeRequest();
		assertThat(second.getTarget()).isEqualTo(path() + "?page=next&address=alice%40example.com");
		assertAuthorized(second);
		assertThat(this.server.requestCount()).isEqualTo(2);
	}

	@Test
	void listWithoutOptionsSendsNoQuery() {
		this.server.respond(200, "{\"items\":[],\"paging\":{}}");
		assertThat(this.operations.list().collectList().block()).isEmpty();
		assertThat(this.server.takeRequest().getTarget()).isEqualTo(path());
	}

	@Test
	void getReadsOneEntryAndEncodesTheKeyAsOnePathSegment() {
		this.server.respond(200, fixture(getClass(), singular() + "-get.json"));

		T entry = this.operations.get(getKey()).block();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo(path() + "/" + encodedGetKey());
		assertAuthorized(request);
		assertThat(entry).isEqualTo(example());
	}

	@Test
	void getOfAnUnknownKeyIsNotFound() {
		this.server.respond(404, "{\"message\":\"Address not found in " + this.table + " table\"}");
		assertThatThrownBy(() -> this.operations.get("nobody@bar.com").block())
			.isInstanceOf(MailgunNotFoundException.class)
			.hasMessageContaining("Address not found in " + this.table + " table");
	}

	@Test
	void deleteRemovesOneEntry() {
		this.server.respond(200, fixture(getClass(), singular() + "-delete.json"));

		SuppressionResponse response = this.operations.delete(deleteKey()).block();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getTarget()).isEqualTo(path() + "/" + encodedDeleteKey());
		assertAuthorized(request);
		assertThat(response).isEqualTo(deleted());
	}

	@Test
	void clearRemovesTheWholeTable() {
		this.server.respond(200, fixture(getClass(), this.table + "-clear.json"));

		SuppressionResponse response = this.operations.clear().block();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getTarget()).isEqualTo(path());
		assertAuthorized(request);
		assertThat(response.message()).isEqualTo(clearedMessage());
	}

	@Test
	void forDomainBindsTheOtherDomain() {
		this.server.respond(200, fixture(getClass(), this.table + "-clear.json"));
		SuppressionOperations<?> other = this.operationsOf.apply(this.client.forDomain("other.example.com"));
		other.clear().block();
		assertThat(this.server.takeRequest().getTarget()).isEqualTo("/v3/other.example.com/" + this.table);
	}

	@Test
	void importCsvUploadsAFileFromAPath(@TempDir Path dir) throws Exception {
		Path csv = Files.writeString(dir.resolve(this.table + ".csv"), csv());
		this.server.respond(202, fixture(getClass(), this.table + "-import.json"));

		SuppressionResponse response = this.operations.importCsv(csv).block();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo(path() + "/import");
		assertAuthorized(request);
		assertThat(LoopbackMailgun.parts(request))
			.containsExactly(new Part("file", this.table + ".csv", "text/csv", csv()));
		assertThat(response.message()).isEqualTo(importedMessage());
	}

	@Test
	void importCsvOfAMissingFileFailsBeforeAnyRequest(@TempDir Path dir) {
		assertThatThrownBy(() -> this.operations.importCsv(dir.resolve("missing.csv")).block())
			.isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'file'")
			.hasMessageContaining("missing.csv");
		assertThat(this.server.requestCount()).isZero();
	}

	@Test
	void importCsvUploadsAResourceAndBytes() {
		this.server.respond(202, fixture(getClass(), this.table + "-import.json"))
			.respond(202, fixture(getClass(), this.table + "-import.json"));

		this.operations.importCsv(new ByteArrayResource("address\na@example.com\n".getBytes()) {
			@Override
			public String getFilename() {
				return "from-resource.csv";
			}
		}).block();
		this.operations.importCsv("from-bytes.csv", csv().getBytes()).block();

		assertThat(LoopbackMailgun.parts(this.server.takeRequest())).singleElement()
			.isEqualTo(new Part("file", "from-resource.csv", "text/csv", "address\na@example.com\n"));
		assertThat(LoopbackMailgun.parts(this.server.takeRequest())).singleElement()
			.isEqualTo(new Part("file", "from-bytes.csv", "text/csv", csv()));
	}

	@Test
	void importCsvOfAResourceWithoutNameUsesADefaultName() {
		this.server.respond(202, fixture(getClass(), this.table + "-import.json"));
		this.operations.importCsv(new ByteArrayResource("address\n".getBytes())).block();
		assertThat(LoopbackMailgun.parts(this.server.takeRequest())).singleElement()
			.extracting(Part::filename)
			.isEqualTo("import.csv");
	}

	private String link(int page) {
		return this.server.baseUrl() + path() + "?page=next&address=p" + page + "%40example.com";
	}

	private String page(String next, String... addresses) {
		List<String> items = java.util.Arrays.stream(addresses).map(this::item).toList();
		return "{\"items\":[" + String.join(",", items) + "],\"paging\":{\"first\":\"" + link(0) + "\",\"next\":\""
				+ next + "\"}}";
	}

	private void threePagesOfTwo() {
		this.server.respond(200, page(link(1), "a@example.com", "b@example.com"))
			.respond(200, page(link(2), "c@example.com", "d@example.com"))
			.respond(200, page(link(3), "e@example.com", "f@example.com"));
	}

	@Test
	void followsNextLinksUntilAnEmptyPage() {
		this.server.respond(200, page(link(1), "a@example.com", "b@example.com"))
			.respond(200, page(link(2), "c@example.com"))
			.respond(200, page(link(3)));

		List<String> addresses = this.operations.list().map(this::address).collectList().block();

		assertThat(addresses).containsExactly("a@example.com", "b@example.com", "c@example.com");
		assertThat(this.server.requestCount()).isEqualTo(3);
		assertThat(this.server.takeRequest().getTarget()).isEqualTo(path());
		assertThat(this.server.takeRequest().getTarget()).isEqualTo(path() + "?page=next&address=p1%40example.com");
		assertThat(this.server.takeRequest().getTarget()).isEqualTo(path() + "?page=next&address=p2%40example.com");
	}

	@Test
	void cancellingStopsRequestingPages() throws InterruptedException {
		threePagesOfTwo();

		List<String> addresses = this.operations.list().take(3).map(this::address).collectList().block();

		assertThat(addresses).containsExactly("a@example.com", "b@example.com", "c@example.com");
		this.server.barrier();
		assertThat(this.server.requestCount()).isEqualTo(2);
	}

	@Test
	void cancellingAtTheEndOfAPageRequestsNoFurtherPage() throws InterruptedException {
		threePagesOfTwo();

		assertThat(this.operations.list().take(2).collectList().block()).hasSize(2);
		this.server.barrier();
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	void requestsTheNextPageOnlyWhenTheSubscriberWantsMore() {
		threePagesOfTwo();

		StepVerifier.create(this.operations.list().map(this::address), 0)
			.then(() -> assertThat(this.server.requestCount()).isZero())
			.thenRequest(2)
			.expectNext("a@example.com", "b@example.com")
			.then(this.server::barrier)
			.then(() -> assertThat(this.server.requestCount()).isEqualTo(1))
			.thenRequest(1)
			.expectNext("c@example.com")
			.then(() -> assertThat(this.server.requestCount()).isEqualTo(2))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void endsWhenAPageHasNoNextLink() {
		this.server.respond(200, "{\"items\":[" + item("a@example.com") + "],\"paging\":{}}");
		assertThat(this.operations.list().map(this::address).collectList().block()).containsExactly("a@example.com");
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	void endsWhenTheNextLinkPointsAtTheSamePage() {
		this.server.respond(200, page(this.server.baseUrl() + path(), "a@example.com"));
		assertThat(this.operations.list().collectList().block()).hasSize(1);
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example.com/v3/mg.example.com/bounces?page=next",
			"http://api.mailgun.net/v3/mg.example.com/bounces?page=next",
			"https://api.mailgun.net.evil.example.com/v3/mg.example.com/bounces",
			"https://user@api.mailgun.net/v3/mg.example.com/bounces" })
	void refusesToFollowALinkToAnUntrustedHost(String foreign) throws InterruptedException {
		this.server.respond(200, page(foreign, "a@example.com"));

		StepVerifier.create(this.operations.list().map(this::address))
			.expectNext("a@example.com")
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(MailgunValidationException.class)
				.hasMessageContaining("paging.next")
				.hasMessageNotContaining(LoopbackMailgun.API_KEY))
			.verify(Duration.ofSeconds(5));
		this.server.barrier();
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	/** A trusted host is not enough: a link must stay on the list that was asked for. */
	@ParameterizedTest
	@ValueSource(strings = { "/v5/accounts/http_signing_key", "/v3/mg.example.com/TABLE/../../../v5/accounts/http_signing_key",
			"/v3/mg.example.com/TABLE/%2e%2e?page=next", "/v3/mg.example.com/TABLE/a@example.com",
			"/v3/other.example.com/TABLE?page=next", "/v3/domains/mg.example.com/webhooks", "/v3/mg.example.com/TABLE#x" })
	void refusesToFollowALinkToAnotherPathOfTheTrustedHost(String otherPath) {
		this.server.respond(200, page(this.server.baseUrl() + otherPath.replace("/TABLE", "/" + this.table), "a@example.com"));

		StepVerifier.create(this.operations.list().map(this::address))
			.expectNext("a@example.com")
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(MailgunValidationException.class,
					ex -> assertThat(ex.getParameter()).isEqualTo("paging.next")))
			.verify(Duration.ofSeconds(5));
		this.server.takeRequest();
		this.server.assertNoMoreRequests();
	}

	@Test
	void aFailedPageEndsTheListWithTheError() {
		this.server.respond(200, page(link(1), "a@example.com"))
			.respond(500, "{\"message\":\"Internal Server Error\"}");

		StepVerifier.create(this.operations.list().map(this::address))
			.expectNext("a@example.com")
			.expectError(MailgunServerException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(this.server.requestCount()).isEqualTo(2);
	}

}
