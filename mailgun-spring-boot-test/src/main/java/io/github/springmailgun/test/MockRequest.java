package io.github.springmailgun.test;

import java.time.Instant;
import java.util.Objects;

/**
 * One request {@link MailgunMockServer} received and how it answered, for assertions and for the
 * report of {@link MailgunMockServer#awaitMessages(int, java.time.Duration)}. Bodies are not kept here:
 * accepted messages are in {@link MailgunMockServer#sentMessages()}.
 *
 * @param receivedAt when the request arrived
 * @param method the HTTP method
 * @param path the request path, without the query
 * @param status the status answered, 0 when the connection was dropped on purpose
 * @param outcome the message id of an accepted send, Mailgun's error message, or what happened
 */
public record MockRequest(Instant receivedAt, String method, String path, int status, String outcome) {

	/**
	 * Checks the values.
	 */
	public MockRequest {
		Objects.requireNonNull(receivedAt, "receivedAt");
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(outcome, "outcome");
	}

	/**
	 * Describes the request in one line: {@code POST /v3/mg.example.com/messages -> 400 from parameter is missing}.
	 * @return the description
	 */
	@Override
	public String toString() {
		return this.method + " " + this.path + " -> " + ((this.status == 0) ? "dropped" : this.status) + " "
				+ this.outcome;
	}

}
