package io.github.springmailgun.route;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.springmailgun.error.MailgunBadRequestException;
import io.github.springmailgun.error.MailgunNotFoundException;
import io.github.springmailgun.error.MailgunUnreadableResponseException;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for the single calls of {@link RouteOperations} against a loopback server, with the examples of
 * Mailgun's OpenAPI document. Paging is in {@link RoutePagingTests}, the builder's rules in
 * {@link RouteRequestTests}.
 */
class RouteOperationsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final Instant FEB_2012 = Instant.parse("2012-02-15T13:03:31Z");

	private static final String ID = "4f3bad2335335426750048c6";

	private final LoopbackMailgun mailgun = new LoopbackMailgun();

	private final RouteOperations routes = this.mailgun.mailgun().routes();

	@AfterEach
	void close() {
		this.mailgun.close();
	}

	@Test
	void createPostsAFormWithTheActionRepeatedAndReadsTheWrappedRoute() {
		this.mailgun.enqueueFixture("route/create-route.json");
		Route route = this.routes.create(RouteRequest.builder(RouteExpression.matchRecipient(".*@gmail.com"))
			.forward("http://myhost.com/messages/")
			.stop()
			.priority(0)
			.description("it's a new route")
			.build()).block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v3/routes");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(LoopbackMailgun.form(request)).containsExactly(entry("priority", List.of("0")),
				entry("description", List.of("it's a new route")),
				entry("expression", List.of("match_recipient(\".*@gmail.com\")")),
				entry("action", List.of("forward(\"http://myhost.com/messages/\")", "stop()")));
		// Repeated fields, not one comma-joined value or action[0]=...
		assertThat(LoopbackMailgun.body(request)).contains("&action=forward").contains("&action=stop%28%29");
		assertThat(route).isNotNull();
		assertThat(route.id()).isEqualTo(ID);
		assertThat(route.priority()).isZero();
		assertThat(route.description()).isEqualTo("it's a new route");
		assertThat(route.expression()).isEqualTo("match_recipient('.*@gmail.com')");
		assertThat(route.actions()).containsExactly("forward(\"http://myhost.com/messages/\")");
		assertThat(route.createdAt()).isEqualTo(FEB_2012);
	}

	@Test
	void routesAreAccountWideWhateverTheBoundDomain() {
		this.mailgun.enqueueFixture("route/get-route.json");
		this.mailgun.mailgun().forDomain("other.example.com").routes().get(ID).block(TIMEOUT);
		assertThat(this.mailgun.takeRequest().getTarget()).isEqualTo("/v3/routes/" + ID);
	}

	@Test
	void getReadsTheDocumentedExample() {
		this.mailgun.enqueueFixture("route/get-route.json");
		Route route = this.routes.get(ID).block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v3/routes/" + ID);
		assertSampleRoute(route);
	}

	@Test
	void getOfAnUnknownRouteFailsWithNotFound() {
		this.mailgun.respond(404, "{\"message\":\"Route not found\"}");
		assertThatExceptionOfType(MailgunNotFoundException.class).isThrownBy(() -> this.routes.get("nope").block(TIMEOUT))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(404);
				assertThat(ex.getMailgunMessage()).isEqualTo("Route not found");
			});
	}

	@Test
	void aRouteWithoutIdIsAnUnreadableAnswerNamingIt() {
		this.mailgun.respond(200, "{\"route\":{\"priority\":1,\"expression\":\"catch_all()\"}}");
		assertThatExceptionOfType(MailgunUnreadableResponseException.class)
			.isThrownBy(() -> this.routes.get(ID).block(TIMEOUT))
			.withMessageContaining("'id'");
	}

	@Test
	void missingOptionalFieldsAreTolerated() {
		this.mailgun.respond(200, "{\"route\":{\"id\":\"r1\",\"expression\":\"catch_all()\",\"description\":null,"
				+ "\"actions\":null,\"unknown\":{\"x\":1}}}");
		Route route = this.routes.get("r1").block(TIMEOUT);
		assertThat(route).isEqualTo(new Route("r1", 0, null, "catch_all()", List.of(), null));
	}

	@Test
	void updatePutsOnlyTheValuesSetAndReadsTheWrappedAnswer() {
		this.mailgun.enqueueFixture("route/update-route.json");
		Route route = this.routes.update(ID, RouteUpdate.builder()
			.priority(0)
			.description("Sample route")
			.expression(RouteExpression.matchRecipient(".*@samples.mailgun.org"))
			.action(RouteAction.forward("http://myhost.com/messages/"))
			.action(RouteAction.stop())
			.build()).block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("PUT");
		assertThat(request.getTarget()).isEqualTo("/v3/routes/" + ID);
		assertThat(LoopbackMailgun.form(request)).containsExactly(entry("priority", List.of("0")),
				entry("description", List.of("Sample route")),
				entry("expression", List.of("match_recipient(\".*@samples.mailgun.org\")")),
				entry("action", List.of("forward(\"http://myhost.com/messages/\")", "stop()")));
		assertSampleRoute(route);
	}

	@Test
	void updateReadsTheBareRouteMailgunAnswersInPractice() {
		this.mailgun.enqueueFixture("route/update-route-bare.json");
		Route route = this.routes.update(ID, RouteUpdate.builder().priority(3).build()).block(TIMEOUT);
		assertThat(LoopbackMailgun.form(this.mailgun.takeRequest())).containsExactly(entry("priority", List.of("3")));
		assertSampleRoute(route);
	}

	@Test
	void deleteReadsTheId() {
		this.mailgun.enqueueFixture("route/delete-route.json");
		RouteDeletion deletion = this.routes.delete(ID).block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("DELETE");
		assertThat(request.getTarget()).isEqualTo("/v3/routes/" + ID);
		assertThat(deletion).isEqualTo(new RouteDeletion(ID, "Route has been deleted"));
	}

	@Test
	void matchAsksForTheAddressAndReadsTheRoute() {
		this.mailgun.enqueueFixture("route/match-route.json");
		Route route = this.routes.match("alice+tag@samples.mailgun.org").block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v3/routes/match?address=alice%2Btag%40samples.mailgun.org");
		assertSampleRoute(route);
	}

	@Test
	void matchWithoutAMatchingRouteIsEmpty() {
		this.mailgun.respond(404, "{\"message\":\"Route not found\"}");
		assertThat(this.routes.match("nobody@example.com").blockOptional(TIMEOUT)).isEmpty();
	}

	@Test
	void mailgunsRefusalIsATypedError() {
		this.mailgun.respond(400, "{\"message\":\"Invalid expression\"}");
		assertThatExceptionOfType(MailgunBadRequestException.class)
			.isThrownBy(() -> this.routes.create(RouteRequest.builder(RouteExpression.raw("match_nothing()"))
				.stop()
				.build()).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getMailgunMessage()).isEqualTo("Invalid expression"));
	}

	@Test
	void idsAreCheckedBeforeAnyRequest() {
		assertThatExceptionOfType(MailgunValidationException.class).isThrownBy(() -> this.routes.get(" ").block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("id"));
		assertThatExceptionOfType(MailgunValidationException.class).isThrownBy(() -> this.routes.delete("..").block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("id"));
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.routes.match("").block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("address"));
		this.mailgun.assertNoMoreRequests();
	}

	private static void assertSampleRoute(Route route) {
		assertThat(route).isEqualTo(new Route(ID, 0, "Sample route", "match_recipient(\".*@samples.mailgun.org\")",
				List.of("forward(\"http://myhost.com/messages/\")", "stop()"), FEB_2012));
	}

}
