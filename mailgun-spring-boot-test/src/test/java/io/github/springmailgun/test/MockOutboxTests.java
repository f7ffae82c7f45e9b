package io.github.springmailgun.test;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MockOutboxTests {

	private final MailgunMockServer mock = MailgunMockServer.start();

	@AfterEach
	void stop() {
		this.mock.close();
	}

	private static byte[] form(String... pairs) {
		StringBuilder form = new StringBuilder();
		for (int i = 0; i < pairs.length; i += 2) {
			form.append(form.length() > 0 ? "&" : "")
				.append(java.net.URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
				.append('=')
				.append(java.net.URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
		}
		return form.toString().getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void showsMessagesNewestFirstWithEscapedContent() throws Exception {
		RawHttp http = new RawHttp(this.mock);
		assertThat(http.post("/v3/mg.example.com/messages", "application/x-www-form-urlencoded",
				form("from", "shop@mg.example.com", "to", "a@example.com", "subject", "First", "text", "plain <b>text</b>"))
			.statusCode()).isEqualTo(200);
		assertThat(http.post("/v3/mg.example.com/messages", "application/x-www-form-urlencoded",
				form("from", "shop@mg.example.com", "to", "b@example.com", "subject", "Second <script>", "html",
						"<p onclick=\"x()\">Hi & bye</p>", "o:tag", "news"))
			.statusCode()).isEqualTo(200);

		String page = MockOutbox.render(this.mock);
		assertThat(page).contains("2 messages accepted", "a@example.com", "b@example.com", "news")
			.contains("Second &lt;script&gt;", "plain &lt;b&gt;text&lt;/b&gt;")
			.contains("<iframe sandbox", "srcdoc=\"&lt;p onclick=&quot;x()&quot;&gt;Hi &amp; bye&lt;/p&gt;\"")
			.doesNotContain("Second <script>", "<p onclick");
		// The page's only script is its own, which fetches the content again.
		assertThat(page.split("<script>", -1)).hasSize(2);
		assertThat(page).contains("/content");
		assertThat(page.indexOf("Second")).isLessThan(page.indexOf("First"));
		assertThat(page).contains("No address is suppressed.");

		// A template shows as the recipient sees it, rendered.
		this.mock.templates().store("mg.example.com", "welcome", "<p>Welcome, {{name}}!</p>");
		assertThat(http.post("/v3/mg.example.com/messages", "application/x-www-form-urlencoded",
				form("from", "shop@mg.example.com", "to", "c@example.com", "subject", "Third", "template", "welcome",
						"t:variables", "{\"name\":\"Carol\"}"))
			.statusCode()).isEqualTo(200);
		assertThat(MockOutbox.renderContent(this.mock)).contains("srcdoc=\"&lt;p&gt;Welcome, Carol!&lt;/p&gt;\"");

		this.mock.suppressions().addBounce("mg.example.com", "gone@example.com");
		assertThat(MockOutbox.renderContent(this.mock)).contains("bounce: gone@example.com (mg.example.com)")
			.doesNotContain("No address is suppressed.");
		assertThat(page.getBytes(StandardCharsets.UTF_8)).isNotEmpty();
	}

}
