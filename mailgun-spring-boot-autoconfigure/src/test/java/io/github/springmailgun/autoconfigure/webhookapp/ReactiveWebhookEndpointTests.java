package io.github.springmailgun.autoconfigure.webhookapp;

import io.github.springmailgun.autoconfigure.webhook.AbstractWebhookEndpointTests;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook endpoint of a WebFlux application on Reactor Netty.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactiveWebhookEndpointTests extends AbstractWebhookEndpointTests {

	@Override
	protected void assertListenerThread(String thread) {
		// Listeners may block: they must not run on an event loop.
		assertThat(thread).startsWith("boundedElastic");
	}

}
