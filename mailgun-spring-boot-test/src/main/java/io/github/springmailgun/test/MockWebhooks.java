package io.github.springmailgun.test;

/**
 * The webhooks of a {@link MailgunMockServer}: URLs registered per domain and event type through Mailgun's
 * v3 and v4 webhook endpoints, posted every event as Mailgun posts it (signed with the mock's HTTP webhook
 * signing key) and retried on a compressed version of Mailgun's schedule.
 *
 * <p>
 * Thread-safe.
 */
public final class MockWebhooks {

	/** The HTTP webhook signing key of a server built without one. */
	public static final String DEFAULT_SIGNING_KEY = "test-webhook-signing-key";

	private final MockClock clock;

	private volatile String signingKey;

	MockWebhooks(MockClock clock, String signingKey) {
		this.clock = clock;
		this.signingKey = signingKey;
	}

	/**
	 * Returns the HTTP webhook signing key the mock signs with (for the application's
	 * {@code mailgun.webhooks.signing-key}).
	 * @return the key
	 */
	public String signingKey() {
		return this.signingKey;
	}

	/** Adds the endpoints of v3 and v4 webhooks. */
	void register(MockRoutes routes) {
	}

	/** Posts an event to the URLs registered for it. */
	void onEvent(MockEvent event) {
	}

	void reset() {
	}

	MockClock clock() {
		return this.clock;
	}

}
