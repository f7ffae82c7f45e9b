package io.github.springmailgun.route;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the routes list, paged by position ({@code skip}, {@code limit}) with Mailgun's
 * {@code total_count}, unlike the link-paged lists of the other areas.
 */
class RoutePagingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final LoopbackMailgun mailgun = new LoopbackMailgun();

	private final RouteOperations routes = this.mailgun.mailgun().routes();

	@AfterEach
	void close() {
		this.mailgun.close();
	}

	@Test
	void listPageReadsTheDocumentedExampleWithItsTotal() {
		this.mailgun.enqueueFixture("route/list-routes.json");
		RoutePage page = this.routes.listPage(0, 10).block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v3/routes?skip=0&limit=10");
		assertThat(page).isNotNull();
		assertThat(page.totalCount()).isEqualTo(1);
		assertThat(page.items()).extracting(Route::id).containsExactly("4f3bad2335335426750048c6");
		assertThat(page.items().get(0).actions()).containsExactly("forward(\"http://myhost.com/messages/\")", "stop()");
		assertThat(page.hasNext()).isFalse();
		assertThat(this.routes.nextPage(page).blockOptional(TIMEOUT)).isEmpty();
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void listWalksEveryPageBySkipAndStopsAtTheTotal() {
		RoutePages pages = new RoutePages(5);
		this.mailgun.dispatch(pages);
		List<Route> all = this.routes.list(2).collectList().block(TIMEOUT);
		assertThat(all).extracting(Route::id).containsExactly("r0", "r1", "r2", "r3", "r4");
		// Three pages; the third reaches total_count, so no empty page is asked for.
		assertThat(pages.targets).containsExactly("/v3/routes?skip=0&limit=2", "/v3/routes?skip=2&limit=2",
				"/v3/routes?skip=4&limit=2");
	}

	@Test
	void listAsksForTheLargestPageByDefault() {
		RoutePages pages = new RoutePages(3);
		this.mailgun.dispatch(pages);
		assertThat(this.routes.list().count().block(TIMEOUT)).isEqualTo(3);
		assertThat(pages.targets).containsExactly("/v3/routes?skip=0&limit=1000");
	}

	@Test
	void listStopsAtAnEmptyPageEvenIfTheTotalSaysMore() {
		this.mailgun.respond(200, "{\"total_count\":9,\"items\":[{\"id\":\"r0\",\"expression\":\"catch_all()\"}]}");
		this.mailgun.respond(200, "{\"total_count\":9,\"items\":[]}");
		assertThat(this.routes.list(1).map(Route::id).collectList().block(TIMEOUT)).containsExactly("r0");
		this.mailgun.takeRequest();
		this.mailgun.takeRequest();
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void listRequestsNoPageBeyondWhatTheSubscriberTakes() {
		RoutePages pages = new RoutePages(50);
		this.mailgun.dispatch(pages);
		assertThat(this.routes.list(2).take(2).map(Route::id).collectList().block(TIMEOUT)).containsExactly("r0", "r1");
		this.mailgun.barrier();
		assertThat(pages.targets).containsExactly("/v3/routes?skip=0&limit=2");
	}

	@Test
	void nextPageMovesSkipOnBySameSize() {
		RoutePages pages = new RoutePages(5);
		this.mailgun.dispatch(pages);
		RoutePage first = this.routes.listPage(1, 3).block(TIMEOUT);
		assertThat(first.items()).extracting(Route::id).containsExactly("r1", "r2", "r3");
		assertThat(first.hasNext()).isTrue();
		RoutePage second = this.routes.nextPage(first).block(TIMEOUT);
		assertThat(second.skip()).isEqualTo(4);
		assertThat(second.items()).extracting(Route::id).containsExactly("r4");
		assertThat(second.totalCount()).isEqualTo(5);
		assertThat(pages.targets).containsExactly("/v3/routes?skip=1&limit=3", "/v3/routes?skip=4&limit=3");
	}

	@Test
	void limitAndSkipAreCheckedBeforeAnyRequest() {
		assertThatExceptionOfType(MailgunValidationException.class).isThrownBy(() -> this.routes.list(1001).blockLast(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("limit"))
			.withMessageContaining("between 1 and 1000, was 1001");
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.routes.listPage(0, 0).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("limit"));
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.routes.listPage(-1, 10).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("skip"));
		this.mailgun.assertNoMoreRequests();
	}

	/** Serves {@code total} routes {@code r0, r1, ...} by skip and limit, recording each target. */
	private static final class RoutePages extends Dispatcher {

		private final int total;

		private final List<String> targets = new CopyOnWriteArrayList<>();

		RoutePages(int total) {
			this.total = total;
		}

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			this.targets.add(request.getTarget());
			int skip = Integer.parseInt(request.getUrl().queryParameter("skip"));
			int limit = Integer.parseInt(request.getUrl().queryParameter("limit"));
			StringBuilder items = new StringBuilder();
			for (int i = skip; i < Math.min(this.total, skip + limit); i++) {
				items.append((items.length() > 0) ? "," : "")
					.append("{\"id\":\"r").append(i).append("\",\"priority\":").append(i)
					.append(",\"expression\":\"catch_all()\",\"actions\":[\"stop()\"]}");
			}
			return LoopbackMailgun.jsonResponse(200,
					"{\"total_count\":" + this.total + ",\"items\":[" + items + "]}");
		}

	}

}
