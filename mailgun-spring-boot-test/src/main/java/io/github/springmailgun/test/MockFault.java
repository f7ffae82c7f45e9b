package io.github.springmailgun.test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * An answer {@link MailgunMockServer} gives instead of the normal one, to test how code copes with
 * Mailgun failing: a rate limit, a server error, any status and body, or a dropped connection. Queue it
 * with {@link MailgunMockServer#failNext(int, MockFault)}, or answer a share of all requests with it
 * with {@link MailgunMockServer#failRandomly(double, MockFault)}. Immutable.
 *
 * <pre class="code">
 * mock.failNext(1, MockFault.rateLimited(Duration.ofSeconds(2)).withRetryAfterHeader());
 * mock.failNext(1, MockFault.serverError());
 * mock.failRandomly(0.05, MockFault.serviceUnavailable());
 * </pre>
 *
 * <p>
 * In a body, {@code {domain}} stands for the domain of the request's path.
 */
public final class MockFault {

	/** Placeholder in a body for the domain of the request. */
	public static final String DOMAIN_PLACEHOLDER = "{domain}";

	private final int status;

	private final String contentType;

	private final String body;

	private final Map<String, String> headers;

	private final @Nullable Duration retryAfter;

	private final boolean rateLimitResetHeader;

	private final boolean disconnect;

	private MockFault(int status, String contentType, String body, Map<String, String> headers,
			@Nullable Duration retryAfter, boolean rateLimitResetHeader, boolean disconnect) {
		this.status = status;
		this.contentType = contentType;
		this.body = body;
		this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
		this.retryAfter = retryAfter;
		this.rateLimitResetHeader = rateLimitResetHeader;
		this.disconnect = disconnect;
	}

	/**
	 * Mailgun's rate-limit answer asking to try again after one second: 429 with
	 * {@code {"message": "Domain mg.example.com is not allowed to send: account-requests-per-sec limit
	 * exceeded, try again after 1 seconds"}} and no header, as Mailgun documents it.
	 * @return the fault
	 */
	public static MockFault rateLimited() {
		return rateLimited(Duration.ofSeconds(1));
	}

	/**
	 * Mailgun's rate-limit answer (429) whose message asks to try again after the given time, written as
	 * Mailgun writes it ({@code try again after 2 seconds}; fractions of a second as decimals).
	 * @param tryAgainAfter the wait the message asks for
	 * @return the fault
	 */
	public static MockFault rateLimited(Duration tryAgainAfter) {
		if (tryAgainAfter == null || tryAgainAfter.isNegative()) {
			throw new IllegalArgumentException("tryAgainAfter must not be negative, was " + tryAgainAfter);
		}
		String message = "Domain " + DOMAIN_PLACEHOLDER
				+ " is not allowed to send: account-requests-per-sec limit exceeded, try again after "
				+ seconds(tryAgainAfter) + " seconds";
		return new MockFault(429, "application/json", json(message), Map.of(), tryAgainAfter, false, false);
	}

	/**
	 * Mailgun's internal error: 500 with {@code {"message": "Internal Server Error"}}.
	 * @return the fault
	 */
	public static MockFault serverError() {
		return status(500, "Internal Server Error");
	}

	/**
	 * A gateway failure in front of Mailgun: 503 with {@code {"message": "Service Unavailable"}}.
	 * @return the fault
	 */
	public static MockFault serviceUnavailable() {
		return status(503, "Service Unavailable");
	}

	/**
	 * Any status with Mailgun's JSON error body {@code {"message": ...}}.
	 * @param status the HTTP status
	 * @param message the message; {@code {domain}} is replaced by the request's domain
	 * @return the fault
	 */
	public static MockFault status(int status, String message) {
		return of(status, "application/json", json(Objects.requireNonNull(message, "message")));
	}

	/**
	 * Any status with any body.
	 * @param status the HTTP status, 200 to 599
	 * @param contentType the {@code Content-Type} of the body
	 * @param body the body; {@code {domain}} is replaced by the request's domain
	 * @return the fault
	 */
	public static MockFault of(int status, String contentType, String body) {
		if (status < 200 || status > 599) {
			throw new IllegalArgumentException("status must be between 200 and 599, was " + status);
		}
		return new MockFault(status, Objects.requireNonNull(contentType, "contentType"),
				Objects.requireNonNull(body, "body"), Map.of(), null, false, false);
	}

	/**
	 * Closes the connection once the request is read, without any answer, as a crashed server or a
	 * dropped connection would. The client cannot know whether Mailgun accepted the message.
	 * @return the fault
	 */
	public static MockFault disconnect() {
		return new MockFault(0, "", "", Map.of(), null, false, true);
	}

	/**
	 * Rebuilds a fault from its parts, as {@code POST /mock/faults} receives one written in full.
	 * @param status the HTTP status, 200 to 599
	 * @param contentType the {@code Content-Type} of the body
	 * @param body the body
	 * @param headers the extra headers
	 * @param retryAfter the wait a rate-limit fault asks for, or {@code null}
	 * @param rateLimitResetHeader whether {@code X-RateLimit-Reset} is computed when sent (needs
	 * {@code retryAfter})
	 * @return the fault
	 */
	static MockFault of(int status, String contentType, String body, Map<String, String> headers,
			@Nullable Duration retryAfter, boolean rateLimitResetHeader) {
		MockFault fault = of(status, contentType, body);
		if (rateLimitResetHeader && retryAfter == null) {
			throw new IllegalArgumentException("rateLimitResetHeader needs retryAfter");
		}
		if (retryAfter != null && retryAfter.isNegative()) {
			throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
		}
		return new MockFault(fault.status, fault.contentType, fault.body, headers, retryAfter, rateLimitResetHeader,
				false);
	}

	/**
	 * Returns a copy that also sends the given header.
	 * @param name the header name
	 * @param value the value
	 * @return the new fault
	 */
	public MockFault withHeader(String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(this.headers);
		copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
		return new MockFault(this.status, this.contentType, this.body, copy, this.retryAfter,
				this.rateLimitResetHeader, this.disconnect);
	}

	/**
	 * Returns a copy of a rate-limit fault that also sends {@code Retry-After} with the wait in whole
	 * seconds (rounded up), as mailgun-python reads it. Mailgun does not document this header.
	 * @return the new fault
	 */
	public MockFault withRetryAfterHeader() {
		Duration wait = requireRetryAfter("withRetryAfterHeader");
		long seconds = wait.getSeconds() + ((wait.getNano() > 0) ? 1 : 0);
		return withHeader("Retry-After", Long.toString(seconds));
	}

	/**
	 * Returns a copy of a rate-limit fault that also sends {@code X-RateLimit-Reset}: the time the wait
	 * ends, in Unix seconds with a fraction, computed when the answer is sent, as mailgun-go reads it.
	 * Mailgun does not document this header.
	 * @return the new fault
	 */
	public MockFault withRateLimitResetHeader() {
		requireRetryAfter("withRateLimitResetHeader");
		return new MockFault(this.status, this.contentType, this.body, this.headers, this.retryAfter, true,
				this.disconnect);
	}

	private Duration requireRetryAfter(String method) {
		if (this.retryAfter == null) {
			throw new IllegalStateException(method + "() applies to MockFault.rateLimited(...) only");
		}
		return this.retryAfter;
	}

	/**
	 * Returns the HTTP status, 0 for {@link #disconnect()}.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Returns the {@code Content-Type} of the body.
	 * @return the content type, empty for {@link #disconnect()}
	 */
	public String contentType() {
		return this.contentType;
	}

	/**
	 * Returns the body, with the {@code {domain}} placeholder not yet replaced.
	 * @return the body
	 */
	public String body() {
		return this.body;
	}

	/**
	 * Returns the extra headers (without {@code X-RateLimit-Reset}, which is computed when sent).
	 * @return the headers
	 */
	public Map<String, String> headers() {
		return this.headers;
	}

	/**
	 * Returns the wait a rate-limit fault asks for, from which {@code Retry-After} and
	 * {@code X-RateLimit-Reset} are written.
	 * @return the wait, empty for a fault not made by {@link #rateLimited(Duration)}
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	/**
	 * Returns whether the answer carries {@code X-RateLimit-Reset}, computed when it is sent
	 * ({@link #withRateLimitResetHeader()}).
	 * @return whether the header is sent
	 */
	public boolean hasRateLimitResetHeader() {
		return this.rateLimitResetHeader;
	}

	/**
	 * Returns whether the connection is dropped instead of answered.
	 * @return whether this is {@link #disconnect()}
	 */
	public boolean isDisconnect() {
		return this.disconnect;
	}

	byte[] bodyFor(String domain) {
		return this.body.replace(DOMAIN_PLACEHOLDER, domain).getBytes(StandardCharsets.UTF_8);
	}

	Map<String, String> headersAt(Instant now) {
		if (!this.rateLimitResetHeader || this.retryAfter == null) {
			return this.headers;
		}
		Map<String, String> all = new LinkedHashMap<>(this.headers);
		BigDecimal reset = BigDecimal.valueOf(now.plus(this.retryAfter).toEpochMilli()).movePointLeft(3);
		all.put("X-RateLimit-Reset", reset.setScale(3, RoundingMode.UNNECESSARY).toPlainString());
		return all;
	}

	private static String json(String message) {
		return new String(MockJson.message(message), StandardCharsets.UTF_8);
	}

	private static String seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
	}

	/**
	 * Describes the fault.
	 * @return the description
	 */
	@Override
	public String toString() {
		return this.disconnect ? "MockFault[disconnect]"
				: "MockFault[status=" + this.status + ", body=" + this.body + ", headers=" + this.headers + "]";
	}

}
