package io.github.springmailgun.suppression;

import java.time.Duration;
import java.util.List;

import io.github.springmailgun.error.MailgunServerException;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.support.LoopbackServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paging of suppression lists: lazy, stopped by cancellation, ended by an empty page, and never
 * following a link to a host the API key must not reach.
 */
class SuppressionPagingTests {

	private final LoopbackServer server = new LoopbackServer();

	private final BounceOperations bounces = this.server.client().bounces();

	@AfterEach
	void stop() {
		this.server.close();
	}

	private String link(int page) {
		return this.server.baseUrl() + "/v3/mg.example.com/bounces?page=next&address=p" + page + "%40example.com";
	}

	private String page(String next, String... addresses) {
		StringBuilder items = new StringBuilder();
		for (String address : addresses) {
			items.append(items.isEmpty() ? "" : ",")
				.append("{\"address\":\"")
				.append(address)
				.append("\",\"code\":\"550\",\"error\":\"\",\"created_at\":\"Fri, 21 Oct 2011 11:02:55 UTC\"}");
		}
		return "{\"items\":[" + items + "],\"paging\":{\"first\":\"" + link(0) + "\",\"next\":\"" + next + "\"}}";
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

		List<String> addresses = this.bounces.list().map(Bounce::address).collectList().block();

		assertThat(addresses).containsExactly("a@example.com", "b@example.com", "c@example.com");
		assertThat(this.server.requestCount()).isEqualTo(3);
		assertThat(this.server.take().getTarget()).isEqualTo("/v3/mg.example.com/bounces");
		assertThat(this.server.take().getTarget()).isEqualTo("/v3/mg.example.com/bounces?page=next&address=p1%40example.com");
		assertThat(this.server.take().getTarget()).isEqualTo("/v3/mg.example.com/bounces?page=next&address=p2%40example.com");
	}

	@Test
	void cancellingStopsRequestingPages() throws InterruptedException {
		threePagesOfTwo();

		List<String> addresses = this.bounces.list().take(3).map(Bounce::address).collectList().block();

		assertThat(addresses).containsExactly("a@example.com", "b@example.com", "c@example.com");
		Thread.sleep(200);
		assertThat(this.server.requestCount()).isEqualTo(2);
	}

	@Test
	void cancellingAtTheEndOfAPageRequestsNoFurtherPage() throws InterruptedException {
		threePagesOfTwo();

		assertThat(this.bounces.list().take(2).collectList().block()).hasSize(2);
		Thread.sleep(200);
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	void requestsTheNextPageOnlyWhenTheSubscriberWantsMore() {
		threePagesOfTwo();

		StepVerifier.create(this.bounces.list().map(Bounce::address), 0)
			.then(() -> assertThat(this.server.requestCount()).isZero())
			.thenRequest(2)
			.expectNext("a@example.com", "b@example.com")
			.thenAwait(Duration.ofMillis(200))
			.then(() -> assertThat(this.server.requestCount()).isEqualTo(1))
			.thenRequest(1)
			.expectNext("c@example.com")
			.then(() -> assertThat(this.server.requestCount()).isEqualTo(2))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void endsWhenAPageHasNoNextLink() {
		this.server.respond(200, "{\"items\":[{\"address\":\"a@example.com\"}],\"paging\":{}}");
		assertThat(this.bounces.list().collectList().block()).extracting(Bounce::address).containsExactly("a@example.com");
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	void endsWhenTheNextLinkPointsAtTheSamePage() {
		String self = this.server.baseUrl() + "/v3/mg.example.com/bounces";
		this.server.respond(200, page(self, "a@example.com"));
		assertThat(this.bounces.list().collectList().block()).hasSize(1);
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example.com/v3/mg.example.com/bounces?page=next",
			"http://api.mailgun.net/v3/mg.example.com/bounces?page=next",
			"https://api.mailgun.net.evil.example.com/v3/mg.example.com/bounces",
			"https://user@api.mailgun.net/v3/mg.example.com/bounces" })
	void refusesToFollowALinkToAnUntrustedHost(String foreign) throws InterruptedException {
		this.server.respond(200, page(foreign, "a@example.com"));

		StepVerifier.create(this.bounces.list().map(Bounce::address))
			.expectNext("a@example.com")
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(MailgunValidationException.class)
				.hasMessageContaining("paging.next")
				.hasMessageNotContaining(LoopbackServer.API_KEY))
			.verify(Duration.ofSeconds(5));
		Thread.sleep(100);
		assertThat(this.server.requestCount()).isEqualTo(1);
	}

	@Test
	void aFailedPageEndsTheListWithTheError() {
		this.server.respond(200, page(link(1), "a@example.com"))
			.respond(500, "{\"message\":\"Internal Server Error\"}");

		StepVerifier.create(this.bounces.list().map(Bounce::address))
			.expectNext("a@example.com")
			.expectError(MailgunServerException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(this.server.requestCount()).isEqualTo(2);
	}

}
