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
 * The unsubscribe table: the cases every table shares, adding with one tag, several or none, and deleting
 * from one tag.
 */
class UnsubscribesTests extends AbstractSuppressionTableTests<Unsubscribe> {

	private final UnsubscribeOperations unsubscribes = this.client.unsubscribes();

	UnsubscribesTests() {
		super("unsubscribes", MailgunOperations::unsubscribes);
	}

	@Override
	Unsubscribe example() {
		return new Unsubscribe("alice@example.com", List.of("some tag"), Instant.parse("2025-12-11T01:49:40Z"));
	}

	@Override
	SuppressionListOptions listOptions() {
		return SuppressionListOptions.limit(1000);
	}

	@Override
	String listTarget() {
		return "/v3/mg.example.com/unsubscribes?limit=1000";
	}

	@Override
	SuppressionResponse deleted() {
		return new SuppressionResponse("Unsubscribe event has been removed", "foo@bar.com", null, null);
	}

	@Override
	String clearedMessage() {
		return "Unsubscribe addresses for this domain have been removed";
	}

	@Override
	String importedMessage() {
		return "file uploaded successfully for processing. standby...";
	}

	@Override
	String csv() {
		return "address,tags\na@example.com,*\n";
	}

	@Override
	String item(String address) {
		return "{\"address\":\"" + address + "\",\"tags\":[\"*\"],\"created_at\":\"Fri, 21 Oct 2011 11:02:55 UTC\"}";
	}

	@Override
	String address(Unsubscribe entry) {
		return entry.address();
	}

	@Test
	void addWithOneTagSendsAForm() {
		this.server.respond(200, "{\"message\":\"Address has been added to the unsubscribes table\",\"address\":\"alice@example.com\"}");

		SuppressionResponse response = this.unsubscribes
			.add(Unsubscribe.of("alice@example.com", "newsletter").withCreatedAt(Instant.parse("2011-10-21T11:02:55Z")))
			.block();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/unsubscribes");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertAuthorized(request);
		assertThat(LoopbackMailgun.form(request)).containsExactly(Map.entry("address", List.of("alice@example.com")),
				Map.entry("tag", List.of("newsletter")),
				Map.entry("created_at", List.of("Fri, 21 Oct 2011 11:02:55 +0000")));
		assertThat(response.address()).isEqualTo("alice@example.com");
	}

	@Test
	void addWithoutTagsUnsubscribesFromAllMail() {
		this.server.respond(200, "{\"message\":\"Address has been added to the unsubscribes table\"}");
		this.unsubscribes.add(Unsubscribe.of("bob@example.com")).block();
		assertThat(LoopbackMailgun.form(this.server.takeRequest())).containsExactly(Map.entry("address", List.of("bob@example.com")));
	}

	@Test
	void addWithSeveralTagsSendsAJsonBatchOfOne() {
		this.server.respond(200, "{\"message\":\"1 addresses have been added to the unsubscribes table\"}");

		this.unsubscribes.add(Unsubscribe.of("carol@example.com", "news", "offers")).block();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
		assertThat(LoopbackMailgun.json(request))
			.isEqualTo(LoopbackMailgun.json("[{\"address\":\"carol@example.com\",\"tags\":[\"news\",\"offers\"]}]"));
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

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/unsubscribes");
		assertAuthorized(request);
		assertThat(LoopbackMailgun.json(request)).isEqualTo(LoopbackMailgun.json("""
				[{"address":"alice@example.com","tags":["some tag"],"created_at":"Thu, 11 Dec 2025 01:49:40 +0000"},
				 {"address":"bob@example.com","tags":["*"]},
				 {"address":"carol@example.com"}]"""));
		assertThat(responses).singleElement()
			.extracting(SuppressionResponse::message)
			.isEqualTo("4 addresses have been added to the unsubscribes table");
	}

	@Test
	void deleteFromOneTagSendsTheTag() {
		this.server.respond(200, fixture(getClass(), "unsubscribe-delete.json"));

		this.unsubscribes.delete("foo@bar.com", "news & offers").block();

		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/unsubscribes/foo%40bar.com");
		assertThat(request.getUrl().queryParameterValues("tag")).containsExactly("news & offers");
		assertAuthorized(request);
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
