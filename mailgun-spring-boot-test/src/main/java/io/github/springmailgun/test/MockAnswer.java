package io.github.springmailgun.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How the mock answers one request.
 *
 * @param status the HTTP status, 0 when dropping the connection
 * @param contentType the {@code Content-Type}, empty for none
 * @param body the body
 * @param headers extra headers
 * @param outcome what happened, for {@link MockRequest}
 * @param disconnect whether to close the connection instead of answering
 * @param delay how long to wait before answering, or {@code null}
 */
record MockAnswer(int status, String contentType, byte[] body, Map<String, String> headers, String outcome,
		boolean disconnect, @Nullable Duration delay) {

	static final String JSON = "application/json";

	static final String TEXT = "text/plain; charset=utf-8";

	static MockAnswer of(int status, String contentType, byte[] body, String outcome) {
		return new MockAnswer(status, contentType, body, Map.of(), outcome, false, null);
	}

	/** A 200 with a JSON body written from maps, lists and simple values. */
	static MockAnswer ok(Object json, String outcome) {
		return of(200, JSON, MockJson.write(json), outcome);
	}

	/** Mailgun's error answer, {@code {"message": ...}}; the message is also the outcome. */
	static MockAnswer json(int status, String message) {
		return of(status, JSON, MockJson.message(message), message);
	}

	static MockAnswer text(int status, String text, String outcome) {
		return of(status, TEXT, text.getBytes(StandardCharsets.UTF_8), outcome);
	}

	MockAnswer withAuthenticateHeader() {
		return new MockAnswer(this.status, this.contentType, this.body,
				Map.of("WWW-Authenticate", "Basic realm=\"MG API\""), this.outcome, this.disconnect, this.delay);
	}

	MockAnswer withDelay(Duration delay) {
		return new MockAnswer(this.status, this.contentType, this.body, this.headers, this.outcome, this.disconnect,
				delay);
	}

}
