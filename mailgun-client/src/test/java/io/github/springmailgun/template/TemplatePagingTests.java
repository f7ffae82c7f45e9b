package io.github.springmailgun.template;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.testing.LoopbackMailgun;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the paged lists of {@link TemplateOperations}: single pages, and a {@code Flux} that
 * follows {@code paging.next} lazily, stops on cancel and on an empty page, and never sends the key to
 * a host it does not trust.
 */
class TemplatePagingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final LoopbackMailgun mailgun = new LoopbackMailgun();

	private final TemplateOperations templates = this.mailgun.mailgun().templates();

	@AfterEach
	void close() {
		this.mailgun.close();
	}

	@Test
	void listPageReadsTheDocumentedExample() {
		this.mailgun.enqueueFixture("template/list-templates.json");
		TemplatePage page = this.templates.listPage(10).block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/templates?limit=10");
		assertThat(page).isNotNull();
		assertThat(page.items()).extracting(Template::name).containsExactly("template.0", "template.1");
		assertThat(page.items().get(0).description()).isEqualTo("Description for template 0");
		assertThat(page.items().get(1).id()).isEqualTo("8d9c0f0d-7bf7-43a4-92a9-791a854d12a4");
		assertThat(page.paging().next())
			.isEqualTo("https://api.mailgun.net/v3/{domain}/templates?page=next&p=template.2&limit=10");
		assertThat(page.paging().first()).isEqualTo("https://api.mailgun.net/v3/{domain}/templates?limit=10");
	}

	@Test
	void listFollowsNextUntilAPageIsEmpty() {
		this.mailgun.respond(200, onThisServer(LoopbackMailgun.fixture("template/list-templates.json")));
		this.mailgun.respond(200, templatePage(List.of(), "/v3/mg.example.com/templates?page=next&p=x&limit=10"));
		List<Template> all = this.templates.list(10).collectList().block(TIMEOUT);
		assertThat(all).extracting(Template::name).containsExactly("template.0", "template.1");
		assertThat(this.mailgun.takeRequest().getTarget()).isEqualTo("/v3/mg.example.com/templates?limit=10");
		assertThat(this.mailgun.takeRequest().getTarget())
			.isEqualTo("/v3/mg.example.com/templates?page=next&p=template.2&limit=10");
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void listWalksEveryPage() {
		this.mailgun.dispatch(new TemplatePages(5));
		List<Template> all = this.templates.list(2).collectList().block(TIMEOUT);
		assertThat(all).extracting(Template::name).containsExactly("t0", "t1", "t2", "t3", "t4");
		// Three full pages, then the empty page that ends the list.
		assertThat(this.mailgun.server().getRequestCount()).isEqualTo(4);
	}

	@Test
	void listRequestsNoPageBeyondWhatTheSubscriberTakes() {
		this.mailgun.dispatch(new TemplatePages(50));
		List<Template> two = this.templates.list(2).take(2).collectList().block(TIMEOUT);
		assertThat(two).extracting(Template::name).containsExactly("t0", "t1");
		assertThat(this.mailgun.takeRequest().getTarget()).isEqualTo("/v3/mg.example.com/templates?limit=2");
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void listStopsRequestingPagesWhenCancelled() {
		this.mailgun.dispatch(new TemplatePages(50));
		List<Template> three = this.templates.list(2).take(3).collectList().block(TIMEOUT);
		assertThat(three).extracting(Template::name).containsExactly("t0", "t1", "t2");
		this.mailgun.takeRequest();
		assertThat(this.mailgun.takeRequest().getTarget())
			.isEqualTo("/v3/mg.example.com/templates?page=next&p=t1&limit=2");
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void listRefusesANextLinkToAForeignHostWithoutARequest() {
		this.mailgun.respond(200, """
				{"items": [{"name": "t0"}, {"name": "t1"}],
				 "paging": {"next": "https://evil.example.com/v3/mg.example.com/templates?page=next&p=t1&limit=2"}}
				""");
		StepVerifier.create(this.templates.list(2))
			.expectNextMatches(template -> template.name().equals("t0"))
			.expectNextMatches(template -> template.name().equals("t1"))
			.expectErrorSatisfies(ex -> assertThat(ex).isInstanceOf(MailgunValidationException.class)
				.hasMessageContaining("paging.next")
				.hasMessageContaining("evil.example.com"))
			.verify(TIMEOUT);
		assertThat(this.mailgun.server().getRequestCount()).isEqualTo(1);
	}

	@Test
	void listStopsWhenTheNextLinkLeadsBackToTheSamePage() {
		this.mailgun.respond(200,
				templatePage(List.of("t0"), "/v3/mg.example.com/templates?limit=2"));
		List<Template> all = this.templates.list(2).collectList().block(TIMEOUT);
		assertThat(all).extracting(Template::name).containsExactly("t0");
		this.mailgun.takeRequest();
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void nextPageFollowsTheNextLink() {
		this.mailgun.dispatch(new TemplatePages(5));
		TemplatePage first = this.templates.listPage(2).block(TIMEOUT);
		assertThat(first).isNotNull();
		TemplatePage second = this.templates.nextPage(first).block(TIMEOUT);
		assertThat(second).isNotNull();
		assertThat(second.items()).extracting(Template::name).containsExactly("t2", "t3");
		this.mailgun.takeRequest();
		assertThat(this.mailgun.takeRequest().getTarget())
			.isEqualTo("/v3/mg.example.com/templates?page=next&p=t1&limit=2");
	}

	@Test
	void nextPageRefusesAnUntrustedLinkWithoutARequest() {
		TemplatePage plainHttp = new TemplatePage(List.of(),
				new PagingLinks(null, null, "http://api.mailgun.net/v3/mg.example.com/templates?page=next", null));
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.templates.nextPage(plainHttp).block(TIMEOUT))
			.satisfies(ex -> assertThat(ex.getParameter()).isEqualTo("paging.next"));
		assertThat(this.mailgun.server().getRequestCount()).isZero();
	}

	@Test
	void nextPageRefusesALinkToAnotherPathOfATrustedHostWithoutARequest() {
		for (String path : List.of("/v5/accounts/http_signing_key", "/v3/mg.example.com/templates/%2e%2e/%2e%2e/x",
				"/v3/mg.example.com/templates/welcome", "/v3/other.example.com/templates?page=next")) {
			TemplatePage forged = new TemplatePage(List.of(),
					new PagingLinks(null, null, this.mailgun.baseUrl() + path, null));
			assertThatExceptionOfType(MailgunValidationException.class).as(path)
				.isThrownBy(() -> this.templates.nextPage(forged).block(TIMEOUT))
				.satisfies(ex -> assertThat(ex.getParameter()).isEqualTo("paging.next"));
		}
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void listVersionsRefusesALinkOutsideTheVersionsOfATemplate() {
		this.mailgun.respond(200, """
				{"template": {"name": "t", "versions": [{"tag": "v0", "active": true}]},
				 "paging": {"next": "%s/v3/mg.example.com/templates/t/versions/%%2e%%2e/%%2e%%2e/%%2e%%2e/%%2e%%2e/v5/accounts/http_signing_key"}}
				""".formatted(this.mailgun.baseUrl()));
		StepVerifier.create(this.templates.listVersions("t", 10))
			.expectNextMatches(version -> version.tag().equals("v0"))
			.expectErrorSatisfies(ex -> assertThat(ex).isInstanceOfSatisfying(MailgunValidationException.class,
					e -> assertThat(e.getParameter()).isEqualTo("paging.next")))
			.verify(TIMEOUT);
		this.mailgun.takeRequest();
		this.mailgun.assertNoMoreRequests();
		this.mailgun.respond(200, """
				{"template": {"name": "t", "versions": []},
				 "paging": {"next": "%s/v3/mg.example.com/templates/t/versions/x"}}
				""".formatted(this.mailgun.baseUrl()));
		TemplateVersionPage forged = this.templates.listVersionsPage("t", 10).block(TIMEOUT);
		this.mailgun.takeRequest();
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.templates.nextVersionsPage(forged).block(TIMEOUT));
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void nextPageWithoutALinkIsEmpty() {
		TemplatePage last = new TemplatePage(List.of(), PagingLinks.NONE);
		assertThat(this.templates.nextPage(last).blockOptional(TIMEOUT)).isEmpty();
		assertThat(this.mailgun.server().getRequestCount()).isZero();
	}

	@Test
	void pageSizesOutsideMailgunsRangeAreRefusedWithoutARequest() {
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.templates.list(0).blockFirst(TIMEOUT))
			.satisfies(ex -> assertThat(ex.getParameter()).isEqualTo("limit"));
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> this.templates.listVersionsPage("welcome", 101).block(TIMEOUT));
		assertThat(this.mailgun.server().getRequestCount()).isZero();
	}

	@Test
	void listVersionsPageReadsTheDocumentedExample() {
		this.mailgun.enqueueFixture("template/list-versions.json");
		TemplateVersionPage page = this.templates.listVersionsPage("template_name", 10).block(TIMEOUT);
		RecordedRequest request = this.mailgun.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v3/mg.example.com/templates/template_name/versions?limit=10");
		assertThat(page).isNotNull();
		assertThat(page.template().name()).isEqualTo("template_name");
		assertThat(page.versions()).extracting(TemplateVersion::tag).containsExactly("v0", "v1", "v2");
		assertThat(page.versions()).extracting(TemplateVersion::active).containsExactly(false, true, true);
		TemplateVersion first = page.versions().get(0);
		assertThat(first.id()).isEqualTo("71bd07b8-fe81-4199-8fcf-67c956ccdc34");
		assertThat(first.mjml()).isEmpty();
		assertThat(first.headers()).isEmpty();
		assertThat(page.paging().next()).endsWith("/versions?page=next&p=v2&limit=10");
	}

	@Test
	void listVersionsFollowsNextUntilAPageIsEmpty() {
		this.mailgun.respond(200, onThisServer(LoopbackMailgun.fixture("template/list-versions.json")));
		this.mailgun.respond(200, """
				{"template": {"name": "template_name", "versions": []},
				 "paging": {"next": "%s/v3/mg.example.com/templates/template_name/versions?page=next&p=v9"}}
				""".formatted(this.mailgun.baseUrl()));
		List<TemplateVersion> all = this.templates.listVersions("template_name", 10).collectList().block(TIMEOUT);
		assertThat(all).extracting(TemplateVersion::tag).containsExactly("v0", "v1", "v2");
		assertThat(this.mailgun.takeRequest().getTarget())
			.isEqualTo("/v3/mg.example.com/templates/template_name/versions?limit=10");
		assertThat(this.mailgun.takeRequest().getTarget())
			.isEqualTo("/v3/mg.example.com/templates/z4ujt7CiEeik0RJbspqxaQ/versions?page=next&p=v2&limit=10");
		this.mailgun.assertNoMoreRequests();
	}

	@Test
	void nextVersionsPageFollowsTheNextLink() {
		this.mailgun.respond(200, onThisServer(LoopbackMailgun.fixture("template/list-versions.json")));
		this.mailgun.respond(200, """
				{"template": {"name": "template_name", "versions": [{"tag": "v3", "active": false}]}, "paging": {}}
				""");
		TemplateVersionPage first = this.templates.listVersionsPage("template_name", 10).block(TIMEOUT);
		assertThat(first).isNotNull();
		TemplateVersionPage second = this.templates.nextVersionsPage(first).block(TIMEOUT);
		assertThat(second).isNotNull();
		assertThat(second.versions()).extracting(TemplateVersion::tag).containsExactly("v3");
		assertThat(second.paging()).isEqualTo(new PagingLinks(null, null, null, null));
		this.mailgun.takeRequest();
		assertThat(this.mailgun.takeRequest().getTarget()).endsWith("/versions?page=next&p=v2&limit=10");
	}

	/** Points the documented example's links ({@code https://api.mailgun.net/v3/{domain}/...}) here. */
	private String onThisServer(String json) {
		return json.replace("https://api.mailgun.net", this.mailgun.baseUrl())
			.replace("{domain}", LoopbackMailgun.DOMAIN);
	}

	private String templatePage(List<String> names, String nextPath) {
		List<String> items = new ArrayList<>();
		for (String name : names) {
			items.add("{\"name\": \"" + name + "\", \"createdAt\": \"Sat, 12 Nov 1955 06:38:00 UTC\"}");
		}
		return "{\"items\": [" + String.join(",", items) + "], \"paging\": {\"next\": \"" + this.mailgun.baseUrl()
				+ nextPath + "\"}}";
	}

	/** Serves {@code count} templates named t0, t1, ... in pages, with Mailgun's pivot links. */
	private final class TemplatePages extends Dispatcher {

		private final int count;

		TemplatePages(int count) {
			this.count = count;
		}

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			int limit = Integer.parseInt(request.getUrl().queryParameter("limit"));
			String pivot = request.getUrl().queryParameter("p");
			int start = (pivot != null) ? Integer.parseInt(pivot.substring(1)) + 1 : 0;
			List<String> names = new ArrayList<>();
			for (int i = start; i < Math.min(start + limit, this.count); i++) {
				names.add("t" + i);
			}
			String last = names.isEmpty() ? pivot : names.get(names.size() - 1);
			return LoopbackMailgun.jsonResponse(200,
					templatePage(names, "/v3/mg.example.com/templates?page=next&p=" + last + "&limit=" + limit));
		}

	}

}
