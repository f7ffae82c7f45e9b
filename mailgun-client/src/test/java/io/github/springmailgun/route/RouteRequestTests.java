package io.github.springmailgun.route;

import java.util.List;

import io.github.springmailgun.error.MailgunValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the route builders: the expression and action texts they write, and the rules they check
 * before any request.
 */
class RouteRequestTests {

	@Test
	void expressionsAreWrittenAsMailgunDocumentsThem() {
		assertThat(RouteExpression.matchRecipient("support@mg\\.example\\.com").value())
			.isEqualTo("match_recipient(\"support@mg\\.example\\.com\")");
		assertThat(RouteExpression.matchHeader("subject", ".*support").value())
			.isEqualTo("match_header(\"subject\", \".*support\")");
		assertThat(RouteExpression.catchAll().value()).isEqualTo("catch_all()");
		assertThat(RouteExpression.raw("match_recipient('a@b') and match_header('x', 'y')").value())
			.isEqualTo("match_recipient('a@b') and match_header('x', 'y')");
		assertThat(RouteExpression.matchRecipient("(?P<user>.*?)@(?P<domain>.*)"))
			.hasToString("match_recipient(\"(?P<user>.*?)@(?P<domain>.*)\")");
	}

	@Test
	void actionsAreWrittenAsMailgunDocumentsThem() {
		assertThat(RouteAction.forward("https://app.example.com/inbound").value())
			.isEqualTo("forward(\"https://app.example.com/inbound\")");
		assertThat(RouteAction.forward("team@example.com").value()).isEqualTo("forward(\"team@example.com\")");
		assertThat(RouteAction.store().value()).isEqualTo("store()");
		assertThat(RouteAction.store(null).value()).isEqualTo("store()");
		assertThat(RouteAction.store("https://app.example.com/notify").value())
			.isEqualTo("store(notify=\"https://app.example.com/notify\")");
		assertThat(RouteAction.stop().value()).isEqualTo("stop()");
		assertThat(RouteAction.raw("forward(\"a@example.com, https://x.example.com/m\")").value())
			.isEqualTo("forward(\"a@example.com, https://x.example.com/m\")");
	}

	@Test
	void theBuilderKeepsActionsInOrder() {
		RouteRequest request = RouteRequest.builder(RouteExpression.catchAll())
			.store("https://app.example.com/notify")
			.forward("https://app.example.com/inbound")
			.action(RouteAction.raw("forward(\"x@example.com\")"))
			.stop()
			.priority(100)
			.description("last resort")
			.build();
		assertThat(request.actions()).extracting(RouteAction::value)
			.containsExactly("store(notify=\"https://app.example.com/notify\")",
					"forward(\"https://app.example.com/inbound\")", "forward(\"x@example.com\")", "stop()");
		assertThat(request.priority()).isEqualTo(100);
		assertThat(request.description()).isEqualTo("last resort");
	}

	@Test
	void aQuoteInsideAnExpressionIsRefusedNamingTheRule() {
		assertRefused("expression", "must not contain '\"'",
				() -> RouteExpression.matchRecipient("\") or catch_all() or (\""));
		assertRefused("expression", "header name must not contain '\"'",
				() -> RouteExpression.matchHeader("sub\"ject", "x"));
		assertRefused("expression", "header pattern must not contain '\"'",
				() -> RouteExpression.matchHeader("subject", "say \"hi\""));
		assertRefused("action", "must not contain '\"'", () -> RouteAction.forward("https://x.example.com/\"),stop(\""));
		assertRefused("action", "must not contain '\"'", () -> RouteAction.store("https://x.example.com/\""));
	}

	@Test
	void aTrailingBackslashThatWouldEscapeTheClosingQuoteIsRefused() {
		assertRefused("expression", "lone '\\'", () -> RouteExpression.matchRecipient("support@example\\"));
		assertThat(RouteExpression.matchRecipient("a\\\\").value()).isEqualTo("match_recipient(\"a\\\\\")");
	}

	@Test
	void blankAndMultiLineValuesAreRefused() {
		assertRefused("expression", "must not be blank", () -> RouteExpression.matchRecipient(" "));
		assertRefused("expression", "must not be blank", () -> RouteExpression.raw(""));
		assertRefused("expression", "control characters", () -> RouteExpression.matchRecipient("a@b\nstop()"));
		assertRefused("action", "control characters", () -> RouteAction.raw("stop()\r\n"));
		assertRefused("action", "must not be blank", () -> RouteAction.forward(null));
	}

	@Test
	void destinationsMustBeHttpUrlsOrOneAddress() {
		assertRefused("action", "http or https URL", () -> RouteAction.forward("ftp://files.example.com/in"));
		assertRefused("action", "one email address", () -> RouteAction.forward("not-an-address"));
		assertRefused("action", "one email address", () -> RouteAction.forward("a@example.com, b@example.com"));
		assertRefused("action", "store notify URL must be an absolute http or https URL",
				() -> RouteAction.store("mailto:a@example.com"));
		assertRefused("action", "http or https URL", () -> RouteAction.forward("https:///path-without-host"));
	}

	@Test
	void destinationsMayUseTheCapturesOfTheFilter() {
		assertThat(RouteAction.forward("http://mycallback.com/domains/\\g<domain>/users/\\g<user>").value())
			.isEqualTo("forward(\"http://mycallback.com/domains/\\g<domain>/users/\\g<user>\")");
		assertThat(RouteAction.forward("http://myhost.com/post/?mailbox=\\1").value())
			.isEqualTo("forward(\"http://myhost.com/post/?mailbox=\\1\")");
	}

	@Test
	void filtersAndActionsOverMailgunsFourKilobytesAreRefused() {
		String long4k = "x".repeat(4097);
		assertRefused("expression", "at most 4096 bytes", () -> RouteExpression.raw(long4k));
		assertRefused("action", "at most 4096 bytes", () -> RouteAction.raw(long4k));
		assertThat(RouteExpression.raw("y".repeat(4096)).value()).hasSize(4096);
	}

	@Test
	void aRouteNeedsAnActionAndAPriorityOfZeroOrMore() {
		assertRefused("action", "at least one action", () -> RouteRequest.builder(RouteExpression.catchAll()).build());
		assertRefused("priority", "0 or more, was -1",
				() -> RouteRequest.builder(RouteExpression.catchAll()).stop().priority(-1).build());
		assertRefused("expression", "must not be null", () -> new RouteRequest(null, List.of(RouteAction.stop()), 0, null));
		assertRefused("action", "must not be null",
				() -> new RouteRequest(RouteExpression.catchAll(), java.util.Arrays.asList(RouteAction.stop(), null), 0,
						null));
	}

	@Test
	void anUpdateMustChangeSomethingValid() {
		assertRefused("route", "at least one of", () -> RouteUpdate.builder().build());
		assertRefused("priority", "0 or more", () -> RouteUpdate.builder().priority(-5).build());
		assertThat(RouteUpdate.builder().description("x").build().actions()).isEmpty();
	}

	private static void assertRefused(String parameter, String rule, Executable call) {
		assertThatExceptionOfType(MailgunValidationException.class).isThrownBy(call::execute)
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo(parameter))
			.withMessageContaining(rule);
	}

}
