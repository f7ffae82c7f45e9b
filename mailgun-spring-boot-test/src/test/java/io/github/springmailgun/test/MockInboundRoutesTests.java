package io.github.springmailgun.test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.error.MailgunBadRequestException;
import io.github.springmailgun.error.MailgunNotFoundException;
import io.github.springmailgun.route.Route;
import io.github.springmailgun.route.RouteAction;
import io.github.springmailgun.route.RouteExpression;
import io.github.springmailgun.route.RouteOperations;
import io.github.springmailgun.route.RoutePage;
import io.github.springmailgun.route.RouteRequest;
import io.github.springmailgun.route.RouteUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The account's routes on the mock through the real client ({@code mailgun.routes()}), the raw JSON of
 * Mailgun's answers, and which routes act on a message ({@link MockInboundRoutes#matching}).
 */
class MockInboundRoutesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Instant NOW = Instant.parse("2026-12-04T10:15:30Z");

	private final MailgunMockServer mock = MailgunMockServer.builder().clock(MockClock.manual(NOW)).start();

	private final MailgunTemplate mailgun = new MailgunTemplate(
			MailgunClientSettings.builder(this.mock.apiKey(), this.mock.domain()).baseUrl(this.mock.baseUrl()).build());

	private final RouteOperations routes = this.mailgun.routes();

	private final RawHttp http = new RawHttp(this.mock);

	@AfterEach
	void stop() {
		this.mock.close();
	}

	@Test
	void createGetUpdateAndDeleteThroughTheClient() {
		Route created = this.routes.create(RouteRequest.builder(RouteExpression.matchRecipient("support@mg\\.example\\.com"))
			.forward("https://app.example.com/inbound")
			.stop()
			.priority(10)
			.description("Support inbox")
			.build()).block(TIMEOUT);
		assertThat(created.id()).matches("[0-9a-f]{24}");
		assertThat(created.priority()).isEqualTo(10);
		assertThat(created.description()).isEqualTo("Support inbox");
		assertThat(created.expression()).isEqualTo("match_recipient(\"support@mg\\.example\\.com\")");
		assertThat(created.actions()).containsExactly("forward(\"https://app.example.com/inbound\")", "stop()");
		assertThat(created.createdAt()).isEqualTo(NOW);
		assertThat(this.mock.inboundRoutes().list()).extracting(MockRoute::id).containsExactly(created.id());

		assertThat(this.routes.get(created.id()).block(TIMEOUT)).isEqualTo(created);

		// The mock answers PUT with the bare route, as Mailgun does; the client reads it.
		Route updated = this.routes.update(created.id(), RouteUpdate.builder()
			.priority(5)
			.action(RouteAction.store("https://app.example.com/notify"))
			.build()).block(TIMEOUT);
		assertThat(updated.priority()).isEqualTo(5);
		assertThat(updated.description()).isEqualTo("Support inbox");
		assertThat(updated.expression()).isEqualTo(created.expression());
		assertThat(updated.actions()).containsExactly("store(notify=\"https://app.example.com/notify\")");

		assertThat(this.routes.delete(created.id()).block(TIMEOUT).message()).isEqualTo("Route has been deleted");
		assertThatExceptionOfType(MailgunNotFoundException.class)
			.isThrownBy(() -> this.routes.get(created.id()).block(TIMEOUT))
			.withMessageContaining("Route not found");
		assertThat(this.mock.inboundRoutes().list()).isEmpty();
	}

	@Test
	void routesAreAccountWide() {
		this.routes.create(RouteRequest.builder(RouteExpression.catchAll()).stop().build()).block(TIMEOUT);
		assertThat(this.mailgun.forDomain("other.example.com").routes().list().collectList().block(TIMEOUT)).hasSize(1);
	}

	@Test
	void listIsPagedBySkipWithTheTotalAcrossMoreThanOnePage() {
		for (int i = 0; i < 5; i++) {
			this.mock.inboundRoutes().create(i, "route " + i, "match_recipient(\"r" + i + "@.*\")", List.of("stop()"));
		}
		RoutePage page = this.routes.listPage(1, 3).block(TIMEOUT);
		assertThat(page.totalCount()).isEqualTo(5);
		assertThat(page.items()).extracting(Route::description).containsExactly("route 1", "route 2", "route 3");
		assertThat(this.routes.nextPage(page).block(TIMEOUT).items()).extracting(Route::description)
			.containsExactly("route 4");
		assertThat(this.routes.list(2).map(Route::description).collectList().block(TIMEOUT))
			.containsExactly("route 0", "route 1", "route 2", "route 3", "route 4");
		// Three pages of two: the last one reaches total_count.
		assertThat(this.mock.requests()).filteredOn((request) -> request.path().startsWith("/v3/routes"))
			.hasSize(5);
	}

	@Test
	void rawAnswersHaveMailgunsShapes() {
		HttpResponse<String> created = this.http.post("/v3/routes", "application/x-www-form-urlencoded",
				RawHttp.urlEncoded("priority", "0", "description", "it's a new route", "expression",
						"match_recipient('.*@gmail.com')", "action", "forward(\"http://myhost.com/messages/\")",
						"action", "stop()")
					.getBytes(StandardCharsets.UTF_8));
		assertThat(created.statusCode()).isEqualTo(200);
		Map<String, Object> body = MockJson.readObject(created.body());
		assertThat(body).containsEntry("message", "Route has been created");
		@SuppressWarnings("unchecked")
		Map<String, Object> route = (Map<String, Object>) body.get("route");
		assertThat(route).containsOnlyKeys("id", "priority", "description", "expression", "actions", "created_at")
			.containsEntry("priority", 0)
			.containsEntry("expression", "match_recipient('.*@gmail.com')")
			.containsEntry("actions", List.of("forward(\"http://myhost.com/messages/\")", "stop()"))
			.containsEntry("created_at", "Fri, 4 Dec 2026 10:15:30 GMT");

		assertThat(MockJson.readObject(this.http.get("/v3/routes").body())).containsOnlyKeys("total_count", "items")
			.containsEntry("total_count", 1);
		HttpResponse<String> tooMany = this.http.get("/v3/routes?limit=1001");
		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(tooMany.body()).contains("The 'limit' parameter can't be larger than 1000");

		HttpRequest put = HttpRequest.newBuilder(this.http.uri("/v3/routes/" + route.get("id")))
			.header("Authorization", this.http.auth())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.PUT(HttpRequest.BodyPublishers.ofString("priority=2"))
			.build();
		Map<String, Object> updated = MockJson.readObject(this.http.send(put).body());
		assertThat(updated).containsEntry("message", "Route has been updated")
			.containsEntry("id", route.get("id"))
			.containsEntry("priority", 2)
			.doesNotContainKey("route");
		assertThat(this.http.get("/v3/routes/0123456789abcdef01234567").statusCode()).isEqualTo(404);
	}

	@Test
	void aFilterTheMockCannotReadIsRefused() {
		assertThatExceptionOfType(MailgunBadRequestException.class)
			.isThrownBy(() -> this.routes.create(RouteRequest.builder(RouteExpression.raw("match_everything()"))
				.stop()
				.build()).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getMailgunMessage()).contains("unknown filter 'match_everything'"));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.mock.inboundRoutes().create(0, "", "match_recipient(\"(\")", List.of("stop()")))
			.withMessageContaining("not a regular expression");
		assertThat(this.mock.inboundRoutes().list()).isEmpty();
	}

	@Test
	void matchingRunsRoutesInPriorityOrderUntilStop() {
		MockInboundRoutes inbound = this.mock.inboundRoutes();
		MockRoute catchAll = inbound.create(100, "everything else", "catch_all()", List.of("store()"));
		MockRoute log = inbound.create(0, "log", "match_recipient(\".*@mg.example.com\")",
				List.of("forward(\"http://localhost/log\")"));
		MockRoute support = inbound.create(1, "support", "match_recipient('support@mg.example.com')",
				List.of("forward(\"http://localhost/support\")", "stop()"));
		MockRoute urgent = inbound.create(1, "urgent", "match_header(\"Subject\", \".*urgent\") and "
				+ "match_recipient(\"support@.*\")", List.of("forward(\"http://localhost/urgent\")"));

		assertThat(inbound.matching("support@mg.example.com")).containsExactly(log, support);
		assertThat(inbound.matching("SUPPORT@MG.example.com", Map.of("subject", "Re: URGENT outage")))
			.containsExactly(log, support);
		assertThat(inbound.matching("sales@mg.example.com")).containsExactly(log, catchAll);
		assertThat(inbound.matching("someone@elsewhere.example.org")).containsExactly(catchAll);
		// Patterns match from the start, as Python's re.match: "support@" does not match "xsupport@".
		assertThat(inbound.matching("xsupport@mg.example.com")).containsExactly(log, catchAll);

		this.routes.update(support.id(), RouteUpdate.builder().priority(2).build()).block(TIMEOUT);
		assertThat(inbound.matching("support@mg.example.com", Map.of("Subject", "urgent!"))).extracting(MockRoute::id)
			.containsExactly(log.id(), urgent.id(), support.id());
	}

	@Test
	void matchEndpointFindsTheFirstRouteForAnAddress() {
		this.mock.inboundRoutes().create(5, "named", "match_recipient(\"(?P<user>.*?)@(?P<domain>.*)\")",
				List.of("forward(\"http://localhost/\\g<user>\")"));
		MockRoute first = this.mock.inboundRoutes().create(1, "first", "match_recipient(\"alice@.*\")",
				List.of("stop()"));
		assertThat(this.routes.match("alice@example.com").block(TIMEOUT).id()).isEqualTo(first.id());
		assertThat(this.routes.match("bob@example.com").block(TIMEOUT).description()).isEqualTo("named");
		this.mock.inboundRoutes().create(0, "subject only", "match_header(\"subject\", \"x\")", List.of("stop()"));
		assertThat(this.routes.match("carol@example.com").block(TIMEOUT).description()).isEqualTo("named");
	}

	@Test
	void matchWithoutARouteIsEmpty() {
		assertThat(this.routes.match("nobody@example.com").blockOptional(TIMEOUT)).isEmpty();
	}

	@Test
	void resetForgetsTheRoutes() {
		this.mock.inboundRoutes().create(0, "", "catch_all()", List.of("stop()"));
		this.mock.reset();
		assertThat(this.mock.inboundRoutes().list()).isEmpty();
		assertThat(this.routes.list().collectList().block(TIMEOUT)).isEmpty();
	}

}
