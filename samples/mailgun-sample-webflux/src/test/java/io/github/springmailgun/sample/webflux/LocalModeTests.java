package io.github.springmailgun.sample.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.springmailgun.sample.local.LocalMailgunConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode as a newcomer sees it: the start-up line says mail stays local, and the outbox page shows
 * a sent mail with its rendered preview.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(LocalMailgunConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class LocalModeTests {

	@LocalServerPort
	int port;

	@Test
	void sentMailAppearsInTheOutbox(CapturedOutput output) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		URI base = URI.create("http://localhost:" + this.port);
		HttpResponse<String> sent = http.send(HttpRequest.newBuilder(base.resolve("/report?email=carol@example.com"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(sent.statusCode()).isEqualTo(200);

		HttpResponse<String> outbox = http.send(HttpRequest.newBuilder(base.resolve("/outbox")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(outbox.statusCode()).isEqualTo(200);
		assertThat(outbox.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(outbox.body()).contains("Your daily report", "carol@example.com", "report.csv", "<iframe sandbox");
		assertThat(output).contains("LOCAL MODE: no MAILGUN_API_KEY", "/outbox");
	}

}
