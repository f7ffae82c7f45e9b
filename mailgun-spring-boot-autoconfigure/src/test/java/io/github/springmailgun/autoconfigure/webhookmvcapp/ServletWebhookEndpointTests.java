package io.github.springmailgun.autoconfigure.webhookmvcapp;

import io.github.springmailgun.autoconfigure.webhook.AbstractWebhookEndpointTests;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook endpoint of a Spring MVC application on Tomcat.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class ServletWebhookEndpointTests extends AbstractWebhookEndpointTests {

	@Override
	protected void assertListenerThread(String thread) {
		assertThat(thread).startsWith("http-nio");
	}

}
