package io.github.springmailgun.autoconfigure.inbound;

import io.github.springmailgun.autoconfigure.MailgunProperties;
import io.github.springmailgun.boot.inbound.MailgunInboundHandler;
import jakarta.servlet.http.HttpServlet;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Maps a servlet of its own to {@code mailgun.inbound.path} in a servlet application. Not a route of the
 * {@code DispatcherServlet}: its multipart resolver would parse the body first, within Spring Boot's
 * multipart limits (1 MB per file), which real mail passes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpServlet.class)
class ServletInboundEndpointConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "mailgunInboundServlet")
	ServletRegistrationBean<ServletInboundEndpoint> mailgunInboundServlet(MailgunInboundHandler mailgunInboundHandler,
			MailgunProperties properties) {
		ServletRegistrationBean<ServletInboundEndpoint> registration = new ServletRegistrationBean<>(
				new ServletInboundEndpoint(mailgunInboundHandler), MailgunInboundAutoConfiguration.path(properties));
		registration.setName("mailgunInboundServlet");
		return registration;
	}

}
