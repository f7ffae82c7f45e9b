package io.github.springmailgun.autoconfigure.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.boot.webhook.MailgunWebhookHandler;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The webhook endpoint of a Spring MVC application: reads the body up to a limit and hands it to the
 * {@link MailgunWebhookHandler} on the request thread.
 */
final class ServletWebhookEndpoint {

	private final MailgunWebhookHandler handler;

	private final int maxBodySize;

	private ServletWebhookEndpoint(MailgunWebhookHandler handler, int maxBodySize) {
		this.handler = handler;
		this.maxBodySize = maxBodySize;
	}

	static RouterFunction<ServerResponse> routerFunction(String path, MailgunWebhookHandler handler, int maxBodySize) {
		ServletWebhookEndpoint endpoint = new ServletWebhookEndpoint(handler, maxBodySize);
		return RouterFunctions.route().POST(path, endpoint::handle).build();
	}

	private ServerResponse handle(ServerRequest request) throws IOException {
		HttpServletRequest servletRequest = request.servletRequest();
		if (servletRequest.getContentLengthLong() > this.maxBodySize) {
			return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE).build();
		}
		String contentType = servletRequest.getContentType();
		byte[] body;
		try (InputStream in = servletRequest.getInputStream()) {
			// One byte more than allowed tells a body at the limit from a larger one sent without a length.
			body = in.readNBytes(this.maxBodySize + 1);
		}
		if (body.length > this.maxBodySize) {
			return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE).build();
		}
		if (body.length == 0 && MailgunWebhookHandler.isForm(contentType)
				&& !servletRequest.getParameterMap().isEmpty()) {
			// A filter (Spring Security's CSRF check, say) read the form, so the container decoded it.
			return ServerResponse.status(this.handler.handleForm(fields(servletRequest.getParameterMap()))).build();
		}
		return ServerResponse.status(this.handler.handle(body, contentType)).build();
	}

	private static Map<String, List<String>> fields(Map<String, String[]> parameters) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		parameters.forEach((name, values) -> fields.put(name, Arrays.asList(values)));
		return fields;
	}

}
