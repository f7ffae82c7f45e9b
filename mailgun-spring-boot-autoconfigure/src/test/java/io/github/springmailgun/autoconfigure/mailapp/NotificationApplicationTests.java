package io.github.springmailgun.autoconfigure.mailapp;

import java.io.IOException;

import io.github.springmailgun.mail.MailgunJavaMailSender;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tutorial-style JavaMailSender code sends through the starter with nothing but the dependency.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class NotificationApplicationTests {

	static final MockWebServer mailgun = new MockWebServer();

	@DynamicPropertySource
	static void mailgunUrl(DynamicPropertyRegistry registry) throws IOException {
		mailgun.start();
		registry.add("mailgun.base-url", () -> mailgun.url("/").toString());
	}

	@AfterAll
	static void stop() {
		mailgun.close();
	}

	@Autowired
	NotificationApplication.NotificationService service;

	@Autowired
	JavaMailSender mailSender;

	@Test
	void receiptIsSentThroughMailgun() throws Exception {
		mailgun.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"id\":\"<7@mg.example.com>\",\"message\":\"Queued. Thank you.\"}")
			.build());
		this.service.sendReceipt("alice@example.com");

		assertThat(this.mailSender).isInstanceOf(MailgunJavaMailSender.class);
		RecordedRequest request = mailgun.takeRequest();
		assertThat(request.getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/messages.mime");
		String body = request.getBody().utf8();
		assertThat(body).contains("name=\"to\"", "alice@example.com", "Subject: Your receipt", "multipart/alternative");
	}

}
