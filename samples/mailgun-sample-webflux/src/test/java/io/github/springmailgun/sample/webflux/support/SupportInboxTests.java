package io.github.springmailgun.sample.webflux.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.route.RouteExpression;
import io.github.springmailgun.route.RouteRequest;
import io.github.springmailgun.sample.local.LocalMailgunConfiguration;
import io.github.springmailgun.sample.local.SupportRouteRegistration;
import io.github.springmailgun.test.MailgunMockServer;
import io.github.springmailgun.test.MockInboundMessage;
import io.github.springmailgun.test.MockMessage;
import io.github.springmailgun.test.MockRoute;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reply-by-email loop in local mode, over real HTTP: the mock receives a mail to {@code support@...},
 * the route the sample created forwards it to the inbound endpoint, and it becomes a ticket on
 * {@code /tickets}; a reply through the page goes to the customer with the ticket's {@code Reply-To}, and
 * the customer's answer to that address joins the same ticket.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(LocalMailgunConfiguration.class)
@ActiveProfiles("local")
class SupportInboxTests {

	private static final Duration WITHIN = Duration.ofSeconds(10);

	@Autowired
	MailgunMockServer mailgun;

	@Autowired
	MailgunOperations operations;

	@Autowired
	SupportRouteRegistration registration;

	@Autowired
	TicketStore tickets;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void createTheRouteAgain() {
		// The mock forgets routes when it is reset before each test; start-up created the same one.
		this.registration.createRoute();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> postForm(String path, String form) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Has the mock receive a mail and waits until its post to the application was answered. */
	private void receive(MockInboundMessage message) {
		int before = this.mailgun.inbound().deliveries().size();
		assertThat(this.mailgun.receive(message)).isNotEmpty();
		assertThat(this.mailgun.inbound().awaitDeliveries(before + 1, WITHIN).get(before).status()).isEqualTo(200);
	}

	private Ticket ticketFrom(String customer) {
		return this.tickets.list().stream().filter((ticket) -> ticket.customer().equals(customer)).findFirst()
			.orElseThrow(() -> new AssertionError("No ticket from " + customer + " in " + this.tickets.list()));
	}

	@Test
	void theStartUpRouteForwardsSupportMailToTheInboundEndpoint() {
		List<MockRoute> routes = this.mailgun.inboundRoutes().list();
		assertThat(routes).singleElement().satisfies((route) -> {
			assertThat(route.expression()).isEqualTo("match_recipient(\"^support(\\+[0-9a-f]+)?@mg\\.example\\.com$\")");
			assertThat(route.actions()).containsExactly("forward(\"http://localhost:" + this.port + "/mailgun/inbound\")");
		});
		assertThat(this.mailgun.inboundRoutes().matching("support@mg.example.com")).hasSize(1);
		assertThat(this.mailgun.inboundRoutes().matching("support+0123abcd@mg.example.com")).hasSize(1);
		assertThat(this.mailgun.inboundRoutes().matching("sales@mg.example.com")).isEmpty();
		assertThat(this.mailgun.inboundRoutes().matching("support@mg.example.com.evil.example")).isEmpty();
	}

	@Test
	void aMailToSupportIsATicketWithItsHtmlInASandboxedFrame() throws Exception {
		receive(MockInboundMessage.builder("jane@example.com", "support@mg.example.com")
			.subject("Checkout <broken> & stuck")
			.text("The checkout page hangs.\nOrder 1234.")
			.html("<p>The checkout page <b>hangs</b> &amp; \"spins\".</p><script>alert('x')</script>")
			.header("Message-Id", "<jane-1@mail.example.com>")
			.attachment("screenshot.png", "image/png", new byte[2048])
			.build());

		Ticket ticket = ticketFrom("jane@example.com");
		assertThat(ticket.subject()).isEqualTo("Checkout <broken> & stuck");
		HttpResponse<String> list = get("/tickets");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(list.body()).contains("<a href=\"/tickets/" + ticket.id() + "\">Checkout &lt;broken&gt; &amp; stuck</a>",
				"jane@example.com");

		HttpResponse<String> page = get("/tickets/" + ticket.id());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("The checkout page hangs.\nOrder 1234.")
			.contains("<iframe sandbox title=\"The mail as HTML\" style=\"height:")
			.contains("em\" srcdoc=\"&lt;p&gt;The checkout page &lt;b&gt;hangs&lt;/b&gt; "
					+ "&amp;amp; &quot;spins&quot;.&lt;/p&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\"></iframe>")
			.contains("screenshot.png (image/png, 2 KB)")
			.contains("support+" + ticket.id() + "@mg.example.com")
			.doesNotContain("<script", "<b>hangs", "allow-scripts", "allow-same-origin");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(policy) -> assertThat(policy).contains("default-src 'none'"));
	}

	@Test
	void aReplyGoesToTheCustomerAndTheirAnswerJoinsTheTicket() throws Exception {
		receive(MockInboundMessage.builder("Bob <bob@example.com>", "support@mg.example.com")
			.subject("Refund")
			.text("Where is my refund?")
			.header("Message-Id", "<bob-1@mail.example.com>")
			.build());
		Ticket ticket = ticketFrom("Bob <bob@example.com>");

		HttpResponse<String> replied = postForm("/tickets/" + ticket.id() + "/reply",
				"text=" + URLEncoder.encode("It left today. <Sorry> for the wait.", StandardCharsets.UTF_8));

		assertThat(replied.statusCode()).isEqualTo(303);
		assertThat(replied.headers().firstValue("Location")).hasValue("/tickets/" + ticket.id());
		MockMessage sent = this.mailgun.awaitMessages(1, WITHIN).get(0);
		assertThat(sent.to()).containsExactly("Bob <bob@example.com>");
		assertThat(sent.from()).isEqualTo("Sample Shop Support <support@mg.example.com>");
		assertThat(sent.subject()).isEqualTo("Re: Refund");
		assertThat(sent.text()).isEqualTo("It left today. <Sorry> for the wait.");
		assertThat(sent.header("Reply-To")).isEqualTo("support+" + ticket.id() + "@mg.example.com");
		assertThat(sent.header("In-Reply-To")).isEqualTo("<bob-1@mail.example.com>");
		assertThat(sent.header("References")).isEqualTo("<bob-1@mail.example.com>");
		assertThat(get("/outbox/content").body()).contains("Re: Refund", "bob@example.com");

		receive(MockInboundMessage.builder("bob@example.com", "support+" + ticket.id() + "@mg.example.com")
			.subject("Re: Refund")
			.text("Got it, thanks!")
			.header("Message-Id", "<bob-2@mail.example.com>")
			.build());

		assertThat(this.tickets.list()).filteredOn((t) -> t.customer().contains("bob@example.com")).hasSize(1);
		assertThat(this.tickets.find(ticket.id())).hasValueSatisfying((joined) -> assertThat(joined.messages())
			.extracting(Ticket.Message::fromCustomer, Ticket.Message::text)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(true, "Where is my refund?"),
					org.assertj.core.groups.Tuple.tuple(false, "It left today. <Sorry> for the wait."),
					org.assertj.core.groups.Tuple.tuple(true, "Got it, thanks!")));
		assertThat(get("/tickets/" + ticket.id()).body()).contains("It left today. &lt;Sorry&gt; for the wait.",
				"Got it, thanks!");
	}

	@Test
	void aReplyNeedsText() throws Exception {
		receive(MockInboundMessage.builder("carol@example.com", "support@mg.example.com").subject("Hi").text("Hello").build());
		Ticket ticket = ticketFrom("carol@example.com");

		HttpResponse<String> empty = postForm("/tickets/" + ticket.id() + "/reply", "text=+");

		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("Write a reply first.");
		assertThat(this.mailgun.sentMessages()).isEmpty();
		assertThat(get("/tickets/0000000000000000").statusCode()).isEqualTo(404);
		assertThat(postForm("/tickets/0000000000000000/reply", "text=hi").statusCode()).isEqualTo(404);
	}

	@Test
	void aMailToAnotherAddressIsNotATicket() throws Exception {
		// A second route sends sales@ to the same endpoint: the endpoint accepts it, the inbox ignores it.
		this.operations.routes()
			.create(RouteRequest.builder(RouteExpression.matchRecipient("^sales@mg\\.example\\.com$"))
				.forward("http://localhost:" + this.port + "/mailgun/inbound")
				.build())
			.block(WITHIN);
		int before = this.tickets.list().size();

		receive(MockInboundMessage.builder("dave@example.com", "sales@mg.example.com").subject("Quote").text("Price?").build());

		assertThat(this.tickets.list()).hasSize(before);
		assertThat(get("/tickets").body()).doesNotContain("dave@example.com");
	}

	@Test
	void anUnsignedPostToTheInboundEndpointIsRefused() throws Exception {
		int before = this.tickets.list().size();

		HttpResponse<String> forged = postForm("/mailgun/inbound",
				"recipient=support%40mg.example.com&from=mallory%40example.com&subject=Hi&body-plain=Hi");

		assertThat(forged.statusCode()).isEqualTo(406);
		assertThat(this.tickets.list()).hasSize(before);
	}

}
