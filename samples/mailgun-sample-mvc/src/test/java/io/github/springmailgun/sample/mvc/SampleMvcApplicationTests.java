package io.github.springmailgun.sample.mvc;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;

import io.github.springmailgun.mail.MailgunJavaMailSender;
import io.github.springmailgun.sample.local.LocalMailgunConfiguration;
import io.github.springmailgun.test.MailgunMockServer;
import io.github.springmailgun.test.MockFault;
import io.github.springmailgun.test.MockMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MVC sample over HTTP against the Mailgun mock, through the JavaMailSender adapter; the local
 * configuration adds the outbox page a newcomer uses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(LocalMailgunConfiguration.class)
class SampleMvcApplicationTests {

	@Autowired
	MailgunMockServer mailgun;

	@Autowired
	JavaMailSender mailSender;

	@LocalServerPort
	int port;

	private HttpResponse<String> call(String method, String pathAndQuery) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + pathAndQuery))
				.method(method, HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void receiptIsSentAsMimeThroughMailgun() throws Exception {
		HttpResponse<String> response = call("POST", "/receipts?email=dave@example.com&order=77");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.mailSender).isInstanceOf(MailgunJavaMailSender.class);
		MockMessage sent = this.mailgun.awaitMessages(1, Duration.ofSeconds(5)).get(0);
		assertThat(sent.isMime()).isTrue();
		assertThat(sent.to()).containsExactly("dave@example.com");
		assertThat(response.body()).contains(sent.messageId());
		MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(sent.rawMime()));
		assertThat(mime.getSubject()).isEqualTo("Receipt for order 77");
		MimeMultipart mixed = (MimeMultipart) mime.getContent();
		assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("receipt-77.csv");

		HttpResponse<String> outbox = call("GET", "/outbox");
		assertThat(outbox.body()).contains("Receipt for order 77", "dave@example.com");
	}

	@Test
	void healthShowsTheSendingDomainInAServletApplication() throws Exception {
		HttpResponse<String> health = call("GET", "/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		tools.jackson.databind.JsonNode mailgun = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(health.body())
			.path("components")
			.path("mailgun");
		assertThat(mailgun.path("status").asString()).isEqualTo("UP");
		assertThat(mailgun.path("details").path("state").asString()).isEqualTo("active");
		assertThat(mailgun.path("details").path("domain").asString()).isEqualTo("mg.example.com");
	}

	@Test
	void badAddressIsA400AndNothingIsSent() throws Exception {
		assertThat(call("POST", "/receipts?email=not-an-address").statusCode()).isEqualTo(400);
		assertThat(this.mailgun.requestCount()).isZero();
	}

	@Test
	void mailgunOutageIsA502() throws Exception {
		this.mailgun.failNext(MockFault.serviceUnavailable());
		assertThat(call("POST", "/receipts?email=erin@example.com").statusCode()).isEqualTo(502);
		assertThat(this.mailgun.sentMessages()).isEmpty();
	}

}
