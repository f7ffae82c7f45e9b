package io.github.springmailgun.test;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One post of a received message to a route's {@code forward(url)}, or one {@code forward(address)}
 * the mock recorded without sending, as {@link MockInbound#deliveries()} lists them.
 *
 * @param routeId the id of the route whose action it was
 * @param target the URL posted to, or the address the message would be forwarded to
 * @param recipient the message's recipient
 * @param subject the message's subject
 * @param attempt the attempt, 1 for the first post, 2 for the first retry and so on; 1 for an address
 * @param at when it was made, on the mock's {@link MockClock}
 * @param status the HTTP status of the answer; 0 when none came (see {@code error}) or for an address
 * @param error why no answer came, or {@code null}
 */
public record MockInboundDelivery(String routeId, String target, String recipient, String subject, int attempt,
		Instant at, int status, @Nullable String error) {

	/**
	 * Checks the values.
	 */
	public MockInboundDelivery {
		Objects.requireNonNull(routeId, "routeId");
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(recipient, "recipient");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(at, "at");
	}

	/**
	 * Returns whether the URL took the message with a 2xx answer.
	 * @return whether it was delivered
	 */
	public boolean delivered() {
		return this.status >= 200 && this.status < 300;
	}

	/**
	 * Returns whether the URL refused the message with 406, which Mailgun never retries.
	 * @return whether it was rejected
	 */
	public boolean rejected() {
		return this.status == 406;
	}

	/**
	 * Returns whether this was a {@code forward} to an email address, recorded without sending.
	 * @return whether the target is an address
	 */
	public boolean toAddress() {
		return !this.target.startsWith("http://") && !this.target.startsWith("https://");
	}

}
