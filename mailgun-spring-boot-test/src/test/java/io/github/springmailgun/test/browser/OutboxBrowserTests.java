package io.github.springmailgun.test.browser;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.imageio.ImageIO;

import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.test.MailgunMockServer;
import io.github.springmailgun.test.MockEvent;
import io.github.springmailgun.test.MockInboundDelivery;
import io.github.springmailgun.test.autoconfigure.AutoConfigureMailgunMock;
import io.github.springmailgun.test.autoconfigure.MockOutboxController;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The outbox page in a real browser (Debian's headless {@code chromium}): a message sent after the page
 * was loaded, and its {@code delivered} event, appear in the rendered DOM without a reload. The
 * application sends the message when the loaded page first fetches its content, so the message cannot
 * be in the page as first served. Skipped (and reported so) where no chromium is installed; CI's heavy
 * phase installs it.
 */
@Tag("browser")
@SpringBootTest(classes = OutboxBrowserTests.OutboxApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mailgun.domain=mg.outbox.test", "mailgun.webhooks.signing-key=outbox-signing-key",
				"mailgun.inbound.path=/mailgun/inbound" })
@AutoConfigureMailgunMock
// The application sends its one message when a page first fetches its content: the first test sees it.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutboxBrowserTests {

	private static final String SUBJECT = "Sent while the page was open";

	private static String chromium;

	@Autowired
	MailgunMockServer mailgun;

	@LocalServerPort
	int port;

	@BeforeAll
	static void findChromium() {
		String found = null;
		for (String name : List.of("chromium", "chromium-browser")) {
			for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
				if (Files.isExecutable(Path.of(dir, name))) {
					found = Path.of(dir, name).toString();
					break;
				}
			}
			if (found != null) {
				break;
			}
		}
		assumeTrue(found != null, "chromium is not installed (apt-get install chromium): the browser test cannot run");
		chromium = found;
	}

	@Test
	@Order(1)
	void aMessageAndItsDeliveredEventAppearWithoutAReload() throws Exception {
		String url = "http://127.0.0.1:" + this.port + "/outbox";
		String firstServed = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(firstServed).contains("0 messages").doesNotContain(SUBJECT);

		String dom = chromium("--dump-dom", url);

		assertThat(this.mailgun.sentMessages()).hasSize(1);
		String messageId = this.mailgun.lastMessage().messageId();
		assertThat(dom).contains("1 message accepted", SUBJECT, "data-message-id=\"" + messageId + "\"",
				"alice@example.com", "class=\"delivered\"");

		Path screenshot = Path.of("target", "outbox-browser", "outbox.png").toAbsolutePath();
		Files.createDirectories(screenshot.getParent());
		Files.deleteIfExists(screenshot);
		chromium("--screenshot=" + screenshot, "--window-size=1200,900", url);
		assertThat(screenshot).exists();
		assertThat(distinctColours(screenshot)).as("colours in %s (a blank page has one)", screenshot)
			.isGreaterThan(20);
	}

	/**
	 * The receive form as a person uses it: a page of the application loads the outbox page in a frame,
	 * fills in the form and submits it, and copies the page the browser got back, so that the dumped DOM
	 * holds the result.
	 */
	@Test
	@Order(2)
	void theReceiveFormPostsTheMessageWhereTheRoutesSay() throws Exception {
		String inbound = "http://127.0.0.1:" + this.port + "/mailgun/inbound";
		this.mailgun.inboundRoutes()
			.create(0, "support", "match_recipient(\"support@mg.outbox.test\")",
					List.of("forward(\"" + inbound + "\")", "forward(\"ops@example.com\")"));
		String outbox = chromium("--dump-dom", "http://127.0.0.1:" + this.port + "/outbox");
		assertThat(outbox).contains("<form method=\"post\" class=\"receive\">", "name=\"from\"", "name=\"to\"",
				"value=\"support@mg.outbox.test\"", "name=\"subject\"", "name=\"text\"", "name=\"html\"");

		String url = "http://127.0.0.1:" + this.port + "/receive-in-a-browser";
		String dom = chromium("--dump-dom", url);

		assertThat(this.mailgun.inbound().deliveries()).extracting(MockInboundDelivery::target)
			.containsExactlyInAnyOrder(inbound, "ops@example.com");
		String result = dom.substring(dom.indexOf("<div id=\"result\""), dom.indexOf("<iframe"));
		assertThat(result).contains("id=\"received\"", "1 route matched", inbound, "200 delivered",
				"Help &lt;b&gt;me&lt;/b&gt; &amp; you").doesNotContain("Help <b>me</b>");
		Path screenshot = Path.of("target", "outbox-browser", "receive.png").toAbsolutePath();
		Files.createDirectories(screenshot.getParent());
		Files.deleteIfExists(screenshot);
		this.mailgun.reset();
		this.mailgun.inboundRoutes()
			.create(0, "support", "match_recipient(\"support@mg.outbox.test\")",
					List.of("forward(\"" + inbound + "\")", "forward(\"ops@example.com\")"));
		chromium("--screenshot=" + screenshot, "--window-size=1200,1600", url);
		assertThat(distinctColours(screenshot)).as("colours in %s", screenshot).isGreaterThan(20);
	}

	private static String chromium(String action, String... rest) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-dev-shm-usage", "--no-first-run", "--virtual-time-budget=6000", action));
		command.addAll(List.of(rest));
		Path output = Files.createTempFile("chromium", ".out");
		try {
			Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("chromium finished within 90 s").isTrue();
			assertThat(process.exitValue()).as("chromium's exit code").isZero();
			return Files.readString(output, StandardCharsets.UTF_8);
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static int distinctColours(Path png) throws IOException {
		BufferedImage image = ImageIO.read(png.toFile());
		Set<Integer> colours = new HashSet<>();
		for (int y = 0; y < image.getHeight(); y += 2) {
			for (int x = 0; x < image.getWidth(); x += 2) {
				colours.add(image.getRGB(x, y));
			}
		}
		return colours.size();
	}

	/**
	 * A WebFlux application in local mode: the outbox page, and a filter that sends a message (and waits
	 * for its delivered event) when the page first fetches its content, that is, after it was loaded.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(MockOutboxController.class)
	static class OutboxApplication {

		/** Fills in and submits the outbox page's receive form in a frame, then shows what came back. */
		@Bean
		RouterFunction<ServerResponse> receiveInABrowser() {
			String page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body{margin:0}"
					+ "iframe{border:0;width:100%;height:1600px}</style></head><body><div id=\"result\" hidden></div>"
					+ "<iframe id=\"outbox\" src=\"/outbox\"></iframe><script>var submitted=false;"
					+ "document.getElementById('outbox').onload=function(){var d=this.contentDocument;"
					+ "if(!submitted){submitted=true;var f=d.querySelector('form.receive');"
					+ "f.from.value='Jane <jane@example.com>';f.subject.value='Help <b>me</b> & you';"
					+ "f.text.value='It broke.';f.submit();}"
					+ "else{document.getElementById('result').innerHTML=d.body.innerHTML;}};</script></body></html>";
			return RouterFunctions.route(RequestPredicates.GET("/receive-in-a-browser"),
					(request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page));
		}

		@Bean
		WebFilter sendOnFirstRefresh(MailgunOperations mailgun, MailgunMockServer mock) {
			AtomicBoolean sent = new AtomicBoolean();
			return (exchange, chain) -> {
				if (!exchange.getRequest().getPath().value().equals("/outbox/content") || !sent.compareAndSet(false, true)) {
					return chain.filter(exchange);
				}
				return mailgun
					.send(MailgunMessage.builder()
						.from("Shop <shop@mg.outbox.test>")
						.to("alice@example.com")
						.subject(SUBJECT)
						.html("<h1 style=\"color:#0a0\">Your order has shipped</h1><p>Thank you.</p>")
						.build())
					.then(Mono.fromRunnable(() -> awaitDelivered(mock)).subscribeOn(Schedulers.boundedElastic()))
					.then(chain.filter(exchange));
			};
		}

		private static void awaitDelivered(MailgunMockServer mock) {
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (System.nanoTime() < deadline) {
				for (MockEvent event : mock.events().all()) {
					if (event.event().equals("delivered")) {
						return;
					}
				}
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}

	}

}
