package io.github.springmailgun.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Decides how a {@link MailgunMockServer} answers a request whose body was read: routing, the body size
 * limit, queued faults and delays, authentication, the domain check, then the endpoint itself.
 * Independent of the HTTP transport ({@link MockHttpTransport}).
 */
final class MockDispatcher {

	private static final String JSON = "application/json";

	private static final String TEXT = "text/plain; charset=utf-8";

	private final MailgunMockServer server;

	MockDispatcher(MailgunMockServer server) {
		this.server = server;
	}

	/**
	 * Answers a request and logs it.
	 * @param method the HTTP method
	 * @param path the raw request path, without the query
	 * @param headers looks up a request header by name, ignoring case
	 * @param body the body, empty when it was too large
	 * @param tooLarge whether the body was over the size limit
	 * @return the answer
	 */
	Answer answer(String method, String path, Function<String, @Nullable String> headers, byte[] body,
			boolean tooLarge) {
		Instant receivedAt = Instant.now();
		Answer answer;
		try {
			answer = decide(method, path, headers, body, tooLarge);
		}
		catch (RuntimeException | LinkageError | AssertionError ex) {
			// A bug of the mock must show as such, not as a hung or dropped connection.
			answer = Answer.json(500, "Mailgun mock failed: " + ex);
		}
		this.server.log(new MockRequest(receivedAt, method, path, answer.status(), answer.outcome()));
		return answer;
	}

	private Answer decide(String method, String path, Function<String, @Nullable String> headers, byte[] body,
			boolean tooLarge) {
		Route route = Route.of(method, path);
		if (route.kind() == Route.Kind.UNKNOWN) {
			return Answer.text(404, "404 page not found\n", "unknown path");
		}
		if (route.kind() == Route.Kind.WRONG_METHOD) {
			return Answer.text(405, "405 method not allowed\n", "method not allowed");
		}
		Duration delay = this.server.nextDelay();
		MockFault fault = this.server.nextFault();
		Answer answer;
		if (fault != null) {
			answer = faultAnswer(fault, route);
		}
		else if (tooLarge) {
			answer = Answer.json(413, "Request entity too large");
		}
		else {
			answer = handle(headers, route, body);
		}
		return (delay != null) ? answer.withDelay(delay) : answer;
	}

	private Answer faultAnswer(MockFault fault, Route route) {
		if (fault.isDisconnect()) {
			return new Answer(0, "", new byte[0], Map.of(), "connection dropped by MockFault.disconnect()", true, null);
		}
		String domain = safeDomain(route.domain());
		return new Answer(fault.status(), fault.contentType(), fault.bodyFor(domain), fault.headersAt(Instant.now()),
				"fault: " + fault.body().replace(MockFault.DOMAIN_PLACEHOLDER, domain), false, null);
	}

	/** The domain for a fault's body: only characters a domain name has, so a JSON body stays valid. */
	private String safeDomain(@Nullable String domain) {
		if (domain == null || domain.isEmpty() || !domain.chars().allMatch(c -> c < 128
				&& (Character.isLetterOrDigit(c) || c == '.' || c == '-'))) {
			return this.server.domain();
		}
		return domain;
	}

	private Answer handle(Function<String, @Nullable String> headers, Route route, byte[] body) {
		if (!isAuthorized(headers.apply("Authorization"))) {
			return (route.kind() == Route.Kind.DOMAIN)
					? Answer.json(401, "Invalid private key").withAuthenticateHeader()
					: Answer.text(401, "Forbidden", "unauthorized (Forbidden)").withAuthenticateHeader();
		}
		String domainName = route.domain();
		MockDomain domain = (domainName != null) ? this.server.findDomain(domainName) : null;
		if (domain == null) {
			return (route.kind() == Route.Kind.DOMAIN) ? Answer.json(404, "Domain not found")
					: Answer.json(404, "Domain not found: " + domainName);
		}
		try {
			return switch (route.kind()) {
				case SEND -> send(headers, domain, body, false);
				case SEND_MIME -> send(headers, domain, body, true);
				case STORED_MESSAGE -> storedMessage(headers, domain, route);
				case STORED_ATTACHMENT -> storedAttachment(domain, route);
				case DOMAIN -> Answer.of(200, JSON, MockResponses.domain(domain, this.server.createdAt()),
						"domain " + domain.state().wireValue());
				default -> throw new IllegalStateException("unexpected route " + route);
			};
		}
		catch (BadRequestException ex) {
			return Answer.json(400, String.valueOf(ex.getMessage()));
		}
	}

	private Answer send(Function<String, @Nullable String> headers, MockDomain domain, byte[] body, boolean mime) {
		FormData form = FormData.parse(headers.apply("Content-Type"), body);
		if (mime) {
			SendRules.checkMime(form);
		}
		else {
			SendRules.checkMessage(form);
		}
		MockMessage message = this.server.accept(domain.name(), form, mime);
		return Answer.of(200, JSON, MockResponses.queued(message.id()), message.id());
	}

	private Answer storedMessage(Function<String, @Nullable String> headers, MockDomain domain, Route route) {
		MockMessage message = stored(domain, route);
		if (message == null) {
			return Answer.json(404, "Message not found");
		}
		String accept = headers.apply("Accept");
		boolean includeMime = accept != null && accept.toLowerCase(Locale.ROOT).contains("message/rfc2822");
		return Answer.of(200, JSON, MockResponses.storedMessage(message, includeMime), "stored " + message.id());
	}

	private Answer storedAttachment(MockDomain domain, Route route) {
		MockMessage message = stored(domain, route);
		List<MockAttachment> attachments = (message != null) ? message.attachments() : List.of();
		int index;
		try {
			index = Integer.parseInt(route.index());
		}
		catch (NumberFormatException ex) {
			index = -1;
		}
		if (index < 0 || index >= attachments.size()) {
			return Answer.json(404, "Attachment not found");
		}
		MockAttachment attachment = attachments.get(index);
		return Answer.of(200, attachment.contentType(), attachment.content(), "attachment " + attachment.filename());
	}

	private @Nullable MockMessage stored(MockDomain domain, Route route) {
		String key = route.key();
		if (key == null) {
			return null;
		}
		MockMessage message = this.server.findMessage(key).orElse(null);
		return (message != null && message.storageKey().equals(key) && message.domain().equalsIgnoreCase(domain.name()))
				? message : null;
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

	/**
	 * How to answer a request.
	 *
	 * @param status the HTTP status, 0 when dropping the connection
	 * @param contentType the {@code Content-Type}, empty for none
	 * @param body the body
	 * @param headers extra headers
	 * @param outcome what happened, for {@link MockRequest}
	 * @param disconnect whether to close the connection instead of answering
	 * @param delay how long to wait before answering, or {@code null}
	 */
	record Answer(int status, String contentType, byte[] body, Map<String, String> headers, String outcome,
			boolean disconnect, @Nullable Duration delay) {

		static Answer of(int status, String contentType, byte[] body, String outcome) {
			return new Answer(status, contentType, body, Map.of(), outcome, false, null);
		}

		/** Mailgun's error answer, {@code {"message": ...}}; the message is also the outcome. */
		static Answer json(int status, String message) {
			return of(status, JSON, MockJson.message(message), message);
		}

		static Answer text(int status, String text, String outcome) {
			return of(status, TEXT, text.getBytes(StandardCharsets.UTF_8), outcome);
		}

		Answer withAuthenticateHeader() {
			return new Answer(this.status, this.contentType, this.body,
					Map.of("WWW-Authenticate", "Basic realm=\"MG API\""), this.outcome, this.disconnect, this.delay);
		}

		Answer withDelay(Duration delay) {
			return new Answer(this.status, this.contentType, this.body, this.headers, this.outcome, this.disconnect,
					delay);
		}

	}

	/**
	 * What a request path asks for.
	 *
	 * @param kind the endpoint
	 * @param domain the domain in the path, decoded
	 * @param key the storage key, decoded
	 * @param index the attachment index
	 */
	record Route(Kind kind, @Nullable String domain, @Nullable String key, @Nullable String index) {

		enum Kind {

			SEND, SEND_MIME, STORED_MESSAGE, STORED_ATTACHMENT, DOMAIN, WRONG_METHOD, UNKNOWN

		}

		static Route of(String method, String rawPath) {
			String[] raw = rawPath.split("/", -1);
			String[] segments = new String[raw.length];
			for (int i = 0; i < raw.length; i++) {
				byte[] decoded = HeaderValue.PercentDecoding.decode(raw[i], false);
				if (decoded == null) {
					return new Route(Kind.UNKNOWN, null, null, null);
				}
				segments[i] = new String(decoded, StandardCharsets.UTF_8);
			}
			if (segments.length < 3 || !segments[0].isEmpty()) {
				return new Route(Kind.UNKNOWN, null, null, null);
			}
			Route route = match(segments);
			if (route.kind() == Kind.UNKNOWN) {
				return route;
			}
			String expected = (route.kind() == Kind.SEND || route.kind() == Kind.SEND_MIME) ? "POST" : "GET";
			return expected.equals(method) ? route : new Route(Kind.WRONG_METHOD, null, null, null);
		}

		private static Route match(String[] s) {
			if (s.length == 4 && s[1].equals("v3") && !s[2].isEmpty() && s[3].equals("messages")) {
				return new Route(Kind.SEND, s[2], null, null);
			}
			if (s.length == 4 && s[1].equals("v3") && !s[2].isEmpty() && s[3].equals("messages.mime")) {
				return new Route(Kind.SEND_MIME, s[2], null, null);
			}
			if (s.length == 6 && s[1].equals("v3") && s[2].equals("domains") && !s[3].isEmpty()
					&& s[4].equals("messages") && !s[5].isEmpty()) {
				return new Route(Kind.STORED_MESSAGE, s[3], s[5], null);
			}
			if (s.length == 8 && s[1].equals("v3") && s[2].equals("domains") && !s[3].isEmpty()
					&& s[4].equals("messages") && !s[5].isEmpty() && s[6].equals("attachments")) {
				return new Route(Kind.STORED_ATTACHMENT, s[3], s[5], s[7]);
			}
			if (s.length == 4 && s[1].equals("v4") && s[2].equals("domains") && !s[3].isEmpty()) {
				return new Route(Kind.DOMAIN, s[3], null, null);
			}
			return new Route(Kind.UNKNOWN, null, null, null);
		}

	}

}
