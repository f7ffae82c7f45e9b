package io.github.springmailgun.autoconfigure.inbound;

import io.github.springmailgun.autoconfigure.MailgunProperties;
import io.github.springmailgun.boot.inbound.MailgunInboundHandler;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Routes {@code POST mailgun.inbound.path} to the {@link MailgunInboundHandler} in a WebFlux application.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(RouterFunction.class)
class ReactiveInboundEndpointConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "mailgunInboundRouterFunction")
	RouterFunction<ServerResponse> mailgunInboundRouterFunction(MailgunInboundHandler mailgunInboundHandler,
			MailgunProperties properties) {
		return WebFluxInboundEndpoint.routerFunction(MailgunInboundAutoConfiguration.path(properties),
				mailgunInboundHandler);
	}

}
