package io.github.springmailgun.error;

import java.time.Duration;
import java.util.Optional;

import io.github.springmailgun.MailgunRegion;
import org.jspecify.annotations.Nullable;

/**
 * Mailgun refused the call for a rate limit (429, or 420 from older parts of its API). Mailgun did not
 * accept the message, so retrying is safe; {@link #getRetryAfter()} says when, if Mailgun said.
 */
public class MailgunRateLimitException extends MailgunApiException {

	private final @Nullable Duration retryAfter;

	/**
	 * Creates an exception for a 429 response.
	 * @param mailgunMessage Mailgun's message
	 * @param method the request method
	 * @param path the request path
	 * @param region the configured region
	 * @param retryAfter how long Mailgun asked to wait, or {@code null} when it did not say
	 */
	public MailgunRateLimitException(String mailgunMessage, String method, String path, MailgunRegion region,
			@Nullable Duration retryAfter) {
		this(429, mailgunMessage, method, path, region, retryAfter);
	}

	/**
	 * Creates an exception for a rate-limit response with another status than 429 (Mailgun also answers 420).
	 * @param statusCode the HTTP status
	 * @param mailgunMessage Mailgun's message
	 * @param method the request method
	 * @param path the request path
	 * @param region the configured region
	 * @param retryAfter how long Mailgun asked to wait, or {@code null} when it did not say
	 */
	public MailgunRateLimitException(int statusCode, String mailgunMessage, String method, String path,
			MailgunRegion region, @Nullable Duration retryAfter) {
		super(statusCode, mailgunMessage, method, path, region,
				(retryAfter != null) ? "Mailgun asks to retry after " + retryAfter.toMillis() + " ms" : "");
		this.retryAfter = retryAfter;
	}

	/**
	 * Returns how long Mailgun asked to wait before the next call.
	 * @return the delay, empty when Mailgun gave no hint
	 */
	public Optional<Duration> getRetryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
