package io.github.springmailgun.autoconfigure.webhook;

import io.github.springmailgun.autoconfigure.MailgunProperties;
import io.github.springmailgun.boot.webhook.MailgunWebhookHandler;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Routes {@code POST mailgun.webhooks.path} to the {@link MailgunWebhookHandler} in a WebFlux application.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(RouterFunction.class)
class ReactiveWebhookEndpointConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "mailgunWebhookRouterFunction")
	RouterFunction<ServerResponse> mailgunWebhookRouterFunction(MailgunWebhookHandler mailgunWebhookHandler,
			MailgunProperties properties) {
		return WebFluxWebhookEndpoint.routerFunction(MailgunWebhookAutoConfiguration.path(properties),
				mailgunWebhookHandler, MailgunWebhookAutoConfiguration.maxBodySize(properties));
	}

}
