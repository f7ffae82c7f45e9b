package io.github.springmailgun.autoconfigure.webhookapp;

import io.github.springmailgun.autoconfigure.webhook.WebhookRecorder;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.server.WebFilter;

/**
 * A WebFlux application that receives Mailgun webhooks with an {@code @EventListener}.
 */
@SpringBootApplication
@Import(WebhookRecorder.class)
public class ReactiveWebhookApplication {

	/**
	 * Reads the form of requests that ask for it before they reach the endpoint, as Spring Security's CSRF
	 * filter does.
	 * @return the filter
	 */
	@Bean
	WebFilter formReadingFilter() {
		return (exchange, chain) -> exchange.getRequest().getHeaders().containsHeader("X-Read-Form")
				? exchange.getFormData().then(chain.filter(exchange)) : chain.filter(exchange);
	}

}
