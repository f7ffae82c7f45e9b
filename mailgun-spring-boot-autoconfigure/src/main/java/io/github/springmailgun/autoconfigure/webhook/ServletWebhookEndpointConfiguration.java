package io.github.springmailgun.autoconfigure.webhook;

import io.github.springmailgun.autoconfigure.MailgunProperties;
import io.github.springmailgun.boot.webhook.MailgunWebhookHandler;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Routes {@code POST mailgun.webhooks.path} to the {@link MailgunWebhookHandler} in a Spring MVC
 * application.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ RouterFunction.class, HttpServletRequest.class })
class ServletWebhookEndpointConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "mailgunWebhookRouterFunction")
	RouterFunction<ServerResponse> mailgunWebhookRouterFunction(MailgunWebhookHandler mailgunWebhookHandler,
			MailgunProperties properties) {
		return ServletWebhookEndpoint.routerFunction(MailgunWebhookAutoConfiguration.path(properties),
				mailgunWebhookHandler, MailgunWebhookAutoConfiguration.maxBodySize(properties));
	}

}
