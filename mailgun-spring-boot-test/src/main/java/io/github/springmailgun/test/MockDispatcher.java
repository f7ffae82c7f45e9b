package io.github.springmailgun.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Decides how a {@link MailgunMockServer} answers a request whose body was read: routing
 * ({@link MockRoutes}), the body size limit, queued faults and delays, authentication, the domain check,
 * then the endpoint itself. Independent of the HTTP transport ({@link MockHttpTransport}).
 */
final class MockDispatcher {

	private final MailgunMockServer server;

	private final MockRoutes routes;

	MockDispatcher(MailgunMockServer server, MockRoutes routes) {
		this.server = server;
		this.routes = routes;
	}

	/**
	 * Answers a request and logs it.
	 * @param method the HTTP method
	 * @param target the raw request target: path and query, still percent-encoded
	 * @param headers looks up a request header by name, ignoring case
	 * @param body the body, empty when it was too large
	 * @param tooLarge whether the body was over the size limit
	 * @return the answer
	 */
	MockAnswer answer(String method, String target, Function<String, @Nullable String> headers, byte[] body,
			boolean tooLarge) {
		Instant receivedAt = Instant.now();
		int question = target.indexOf('?');
		String path = (question >= 0) ? target.substring(0, question) : target;
		String query = (question >= 0) ? target.substring(question + 1) : null;
		MockAnswer answer;
		try {
			answer = decide(method, path, query, headers, body, tooLarge);
		}
		catch (RuntimeException | LinkageError | AssertionError ex) {
			// A bug of the mock must show as such, not as a hung or dropped connection.
			answer = MockAnswer.json(500, "Mailgun mock failed: " + ex);
		}
		this.server.log(new MockRequest(receivedAt, method, path, answer.status(), answer.outcome()));
		return answer;
	}

	private MockAnswer decide(String method, String path, @Nullable String query,
			Function<String, @Nullable String> headers, byte[] body, boolean tooLarge) {
		MockRoutes.Match match = this.routes.match(method, path);
		MockRoutes.Endpoint endpoint = match.endpoint();
		if (endpoint == null) {
			return match.wrongMethod() ? MockAnswer.text(405, "405 method not allowed\n", "method not allowed")
					: MockAnswer.text(404, "404 page not found\n", "unknown path");
		}
		if (!endpoint.api()) {
			return handle(endpoint, method, path, query, match.variables(), headers, body, null);
		}
		Duration delay = this.server.nextDelay();
		MockFault fault = this.server.nextFault();
		MockAnswer answer;
		if (fault != null) {
			answer = faultAnswer(fault, match.variables().get("domain"));
		}
		else if (tooLarge) {
			answer = MockAnswer.json(413, "Request entity too large");
		}
		else if (!isAuthorized(headers.apply("Authorization"))) {
			answer = (endpoint.plainErrors() ? MockAnswer.text(401, "Forbidden", "unauthorized (Forbidden)")
					: MockAnswer.json(401, "Invalid private key")).withAuthenticateHeader();
		}
		else {
			answer = handleWithDomain(endpoint, method, path, query, match.variables(), headers, body);
		}
		return (delay != null) ? answer.withDelay(delay) : answer;
	}

	private MockAnswer handleWithDomain(MockRoutes.Endpoint endpoint, String method, String path,
			@Nullable String query, Map<String, String> variables, Function<String, @Nullable String> headers,
			byte[] body) {
		MockDomain domain = null;
		if (endpoint.hasDomain()) {
			String name = variables.get("domain");
			domain = (name != null) ? this.server.findDomain(name) : null;
			if (domain == null) {
				return endpoint.namesUnknownDomain() ? MockAnswer.json(404, "Domain not found: " + name)
						: MockAnswer.json(404, "Domain not found");
			}
		}
		return handle(endpoint, method, path, query, variables, headers, body, domain);
	}

	private MockAnswer handle(MockRoutes.Endpoint endpoint, String method, String path, @Nullable String query,
			Map<String, String> variables, Function<String, @Nullable String> headers, byte[] body,
			@Nullable MockDomain domain) {
		try {
			return endpoint.handler()
				.handle(new MockCall(method, path, query, variables, headers, body, domain, this.server.baseUrl()));
		}
		catch (BadRequestException ex) {
			return MockAnswer.json(400, String.valueOf(ex.getMessage()));
		}
	}

	private MockAnswer faultAnswer(MockFault fault, @Nullable String domain) {
		if (fault.isDisconnect()) {
			return new MockAnswer(0, "", new byte[0], Map.of(), "connection dropped by MockFault.disconnect()", true,
					null);
		}
		String safeDomain = safeDomain(domain);
		return new MockAnswer(fault.status(), fault.contentType(), fault.bodyFor(safeDomain),
				fault.headersAt(Instant.now()),
				"fault: " + fault.body().replace(MockFault.DOMAIN_PLACEHOLDER, safeDomain), false, null);
	}

	/** The domain for a fault's body: only characters a domain name has, so a JSON body stays valid. */
	private String safeDomain(@Nullable String domain) {
		if (domain == null || domain.isEmpty() || !domain.chars().allMatch(c -> c < 128
				&& (Character.isLetterOrDigit(c) || c == '.' || c == '-'))) {
			return this.server.domain();
		}
		return domain;
	}

	private boolean isAuthorized(@Nullable String header) {
		if (header == null) {
			return false;
		}
		String value = header.trim();
		int space = value.indexOf(' ');
		if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Basic")) {
			return false;
		}
		String credentials;
		try {
			credentials = new String(Base64.getDecoder().decode(value.substring(space + 1).trim()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		int colon = credentials.indexOf(':');
		if (colon < 0 || !credentials.substring(0, colon).equals("api")) {
			return false;
		}
		return MessageDigest.isEqual(credentials.substring(colon + 1).getBytes(StandardCharsets.UTF_8),
				this.server.apiKey().getBytes(StandardCharsets.UTF_8));
	}

}
