package io.github.springmailgun.suppression;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import static io.github.springmailgun.testing.LoopbackMailgun.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The allowlist ({@code whitelists} in Mailgun's paths): the cases every table shares, and adding an
 * address or a domain.
 */
class AllowlistTests extends AbstractSuppressionTableTests<AllowlistEntry> {

	private final AllowlistOperations allowlist = this.client.allowlist();

	AllowlistTests() {
		super("whitelists", MailgunOperations::allowlist);
	}

	@Override
	AllowlistEntry example() {
		return new AllowlistEntry(AllowlistEntry.Type.DOMAIN, "alice@example.com", "why the record was created",
				Instant.parse("2025-12-11T01:49:40Z"));
	}

	@Override
	SuppressionListOptions listOptions() {
		return SuppressionListOptions.DEFAULTS;
	}

	@Override
	String listTarget() {
		return "/v3/mg.example.com/whitelists";
	}

	@Override
	String getKey() {
		return "example.com";
	}

	@Override
	String encodedGetKey() {
		return "example.com";
	}

	@Override
	String deleteKey() {
		return "example.com";
	}

	@Override
	String encodedDeleteKey() {
		return "example.com";
	}

	@Override
	SuppressionResponse deleted() {
		return new SuppressionResponse("Allowlist address/domain has been removed", null, null, "example.com");
	}

	@Override
	String clearedMessage() {
		return "Allowlist addresses/domains for this domain have been removed";
	}

	@Override
	String importedMessage() {
		return "file uploaded successfully for processing. standby...";
	}

	@Override
	String csv() {
		return "address,domain\n,example.com\n";
	}

	@Override
	String item(String address) {
		return "{\"type\":\"address\",\"value\":\"" + address + "\",\"createdAt\":\"Fri, 21 Oct 2011 11:02:55 UTC\"}";
	}

	@Override
	String address(AllowlistEntry entry) {
		return entry.value();
	}

	@Test
	void addDomainSendsTheDomainField() {
		this.server.respond(200, fixture(getClass(), "whitelists-add.json"));

		SuppressionResponse response = this.allowlist.addDomain("example.com").block();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/whitelists");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertAuthorized(request);
		assertThat(LoopbackMailgun.form(request)).containsExactly(Map.entry("domain", List.of("example.com")));
		assertThat(response.message()).isEqualTo("Address/Domain has been added to the allowlists table");
		assertThat(response.type()).isEqualTo("domain");
		assertThat(response.value()).isEqualTo("example.com");
	}

	@Test
	void addAddressSendsTheAddressField() {
		this.server.respond(200,
				"{\"message\":\"Address/Domain has been added to the allowlists table\",\"type\":\"address\",\"value\":\"bob@example.com\"}");

		SuppressionResponse response = this.allowlist.addAddress("bob@example.com").block();

		assertThat(LoopbackMailgun.form(this.server.takeRequest())).containsExactly(Map.entry("address", List.of("bob@example.com")));
		assertThat(response.type()).isEqualTo("address");
	}

	@Test
	void addCarriesTheReasonMailgunStores() {
		this.server.respond(200, fixture(getClass(), "whitelists-add.json"));
		this.server.respond(200, fixture(getClass(), "whitelists-add.json"));

		this.allowlist.addAddress("bob@example.com", "VIP customer").block();
		this.allowlist.addDomain("example.com", null).block();

		assertThat(LoopbackMailgun.form(this.server.takeRequest())).containsExactly(
				Map.entry("address", List.of("bob@example.com")), Map.entry("reason", List.of("VIP customer")));
		assertThat(LoopbackMailgun.form(this.server.takeRequest()))
			.containsExactly(Map.entry("domain", List.of("example.com")));
	}

	@Test
	void unknownTypesAreKeptNotFatal() {
		this.server.respond(200, """
				{"items": [
				  {"type": "ip", "value": "192.0.2.1", "createdAt": "Thu, 11 Dec 2025 01:49:40 UTC", "reason": "r"},
				  {"type": " Domain ", "value": "example.com", "createdAt": "Thu, 11 Dec 2025 01:49:40 UTC"}
				], "paging": {}}""");

		List<AllowlistEntry> entries = this.allowlist.list().collectList().block();

		assertThat(entries).extracting(AllowlistEntry::type)
			.containsExactly(AllowlistEntry.Type.of("ip"), AllowlistEntry.Type.DOMAIN);
		assertThat(entries.get(0).type().value()).isEqualTo("ip");
		assertThat(entries.get(0).type().isKnown()).isFalse();
		assertThat(entries.get(1).type().isKnown()).isTrue();
		assertThat(AllowlistEntry.Type.of("ADDRESS")).isEqualTo(AllowlistEntry.Type.ADDRESS);
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
