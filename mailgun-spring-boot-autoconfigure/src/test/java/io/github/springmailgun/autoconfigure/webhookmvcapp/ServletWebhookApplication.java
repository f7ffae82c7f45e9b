package io.github.springmailgun.autoconfigure.webhookmvcapp;

import java.io.IOException;

import io.github.springmailgun.autoconfigure.webhook.WebhookRecorder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A Spring MVC application that receives Mailgun webhooks with an {@code @EventListener}.
 */
@SpringBootApplication
@Import(WebhookRecorder.class)
public class ServletWebhookApplication {

	/**
	 * Reads the form of requests that ask for it before they reach the endpoint, as Spring Security's CSRF
	 * filter does.
	 * @return the filter
	 */
	@Bean
	OncePerRequestFilter formReadingFilter() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				if (request.getHeader("X-Read-Form") != null) {
					request.getParameterMap();
				}
				chain.doFilter(request, response);
			}
		};
	}

}
