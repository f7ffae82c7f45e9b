package io.github.springmailgun.autoconfigure.inbound;

import java.io.IOException;
import java.io.PushbackInputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.boot.inbound.MailgunInboundHandler;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

/**
 * The inbound endpoint of a servlet application: hands the request's input stream to the
 * {@link MailgunInboundHandler} on the request thread, which reads it within its own limits.
 */
final class ServletInboundEndpoint extends HttpServlet {

	private static final long serialVersionUID = 1L;

	private final transient MailgunInboundHandler handler;

	ServletInboundEndpoint(MailgunInboundHandler handler) {
		this.handler = handler;
	}

	@Override
	protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String contentType = request.getContentType();
		HttpStatus status;
		if (this.handler.isTooLarge(request.getContentLengthLong())) {
			status = HttpStatus.CONTENT_TOO_LARGE;
			// The body is not read: the container must not try to drain it for a next request.
			response.setHeader("Connection", "close");
		}
		else {
			try (PushbackInputStream body = new PushbackInputStream(request.getInputStream(), 1)) {
				int first = body.read();
				if (first < 0 && MailgunInboundHandler.isUrlEncoded(contentType)
						&& !request.getParameterMap().isEmpty()) {
					// A filter (Spring Security's CSRF check, say) read the form, so the container decoded it.
					status = this.handler.handleDecodedForm(fields(request.getParameterMap()));
				}
				else {
					if (first >= 0) {
						body.unread(first);
					}
					status = this.handler.handle(body, contentType, request.getContentLengthLong());
				}
			}
		}
		response.setStatus(status.value());
	}

	private static Map<String, List<String>> fields(Map<String, String[]> parameters) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		parameters.forEach((name, values) -> fields.put(name, Arrays.asList(values)));
		return fields;
	}

}
