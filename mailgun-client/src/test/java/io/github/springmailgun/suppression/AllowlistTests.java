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
 * Every allowlist operation against a loopback server answering with the OpenAPI document's examples.
 */
class AllowlistTests {

	private final LoopbackServer server = new LoopbackServer();

	private final AllowlistOperations allowlist = this.server.client().allowlist();

	@AfterEach
	void stop() {
		this.server.close();
	}

	private static void assertAuthorized(RecordedRequest request) {
		assertThat(request.getHeaders().get("Authorization")).isEqualTo(LoopbackServer.expectedAuthorization());
	}

	@Test
	void listFollowsTheNextLinkUntilAnEmptyPage() {
		String next = this.server.baseUrl() + "/v3/mg.example.com/whitelists?page=next&address=alice%40example.com";
		this.server.respond(200, fixture(getClass(), "whitelists-list.json").replace("<next page url>", next))
			.respond(200, "{\"items\":[],\"paging\":{}}");

		List<AllowlistEntry> all = this.allowlist.list().collectList().block();

		assertThat(all).containsExactly(new AllowlistEntry(AllowlistEntry.Type.DOMAIN, "alice@example.com",
				"why the record was created", Instant.parse("2025-12-11T01:49:40Z")));
		RecordedRequest first = this.server.take();
		assertThat(first.getMethod()).isEqualTo("GET");
		assertThat(first.getTarget()).isEqualTo("/v3/mg.example.com/whitelists");
		assertAuthorized(first);
		assertThat(this.server.take().getTarget())
			.isEqualTo("/v3/mg.example.com/whitelists?page=next&address=alice%40example.com");
	}

	@Test
	void getReadsOneEntry() {
		this.server.respond(200, fixture(getClass(), "whitelist-get.json"));

		AllowlistEntry entry = this.allowlist.get("example.com").block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/whitelists/example.com");
		assertAuthorized(request);
		assertThat(entry.type()).isEqualTo(AllowlistEntry.Type.DOMAIN);
		assertThat(entry.value()).isEqualTo("alice@example.com");
		assertThat(entry.reason()).isEqualTo("why the record was created");
		assertThat(entry.createdAt()).isEqualTo(Instant.parse("2025-12-11T01:49:40Z"));
	}

	@Test
	void addDomainSendsTheDomainField() {
		this.server.respond(200, fixture(getClass(), "whitelists-add.json"));

		SuppressionResponse response = this.allowlist.addDomain("example.com").block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/whitelists");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertAuthorized(request);
		assertThat(LoopbackServer.form(request)).containsExactly(Map.entry("domain", List.of("example.com")));
		assertThat(response.message()).isEqualTo("Address/Domain has been added to the allowlists table");
		assertThat(response.type()).isEqualTo("domain");
		assertThat(response.value()).isEqualTo("example.com");
	}

	@Test
	void addAddressSendsTheAddressField() {
		this.server.respond(200,
				"{\"message\":\"Address/Domain has been added to the allowlists table\",\"type\":\"address\",\"value\":\"bob@example.com\"}");

		SuppressionResponse response = this.allowlist.addAddress("bob@example.com").block();

		assertThat(LoopbackServer.form(this.server.take())).containsExactly(Map.entry("address", List.of("bob@example.com")));
		assertThat(response.type()).isEqualTo("address");
	}

	@Test
	void deleteRemovesOneEntry() {
		this.server.respond(200, fixture(getClass(), "whitelist-delete.json"));

		SuppressionResponse response = this.allowlist.delete("example.com").block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/whitelists/example.com");
		assertAuthorized(request);
		assertThat(response.message()).isEqualTo("Allowlist address/domain has been removed");
		assertThat(response.value()).isEqualTo("example.com");
	}

	@Test
	void clearRemovesTheWholeAllowlist() {
		this.server.respond(200, fixture(getClass(), "whitelists-clear.json"));

		SuppressionResponse response = this.allowlist.clear().block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/whitelists");
		assertAuthorized(request);
		assertThat(response.message()).isEqualTo("Allowlist addresses/domains for this domain have been removed");
	}

	@Test
	void importCsvUploadsTheFile() {
		this.server.respond(202, fixture(getClass(), "whitelists-import.json"));

		SuppressionResponse response = this.allowlist.importCsv("allow.csv", "address,domain\n,example.com\n".getBytes())
			.block();

		RecordedRequest request = this.server.take();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/whitelists/import");
		assertAuthorized(request);
		assertThat(LoopbackServer.parts(request))
			.containsExactly(new Part("file", "allow.csv", "text/csv", "address,domain\n,example.com\n"));
		assertThat(response.message()).isEqualTo("file uploaded successfully for processing. standby...");
	}

	@Test
	void blankValuesFailBeforeAnyRequest() {
		assertThatThrownBy(() -> this.allowlist.addDomain(" ").block()).isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'domain'");
		assertThatThrownBy(() -> this.allowlist.get(null).block()).isInstanceOf(MailgunValidationException.class)
			.hasMessageContaining("'value'");
		assertThat(this.server.requestCount()).isZero();
	}

}
