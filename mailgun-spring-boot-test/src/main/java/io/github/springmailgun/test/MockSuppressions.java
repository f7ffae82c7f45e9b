package io.github.springmailgun.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The suppression lists of a {@link MailgunMockServer}, per domain: bounces, unsubscribes (with tags),
 * complaints, and the allowlist that keeps an address off the bounce list. Served by Mailgun's
 * suppression endpoints and honoured when a message is sent.
 *
 * <p>
 * Thread-safe.
 */
public final class MockSuppressions {

	private final MockClock clock;

	MockSuppressions(MockClock clock) {
		this.clock = clock;
	}

	/** Adds the endpoints of bounces, unsubscribes, complaints and the allowlist. */
	void register(MockRoutes routes) {
	}

	/**
	 * Returns why a message to an address is not delivered, as a {@code failed} event's reason.
	 * @param domain the sending domain
	 * @param address the recipient's address
	 * @param tags the message's tags (an unsubscribe may be for one tag only)
	 * @return {@code suppress-bounce}, {@code suppress-unsubscribe} or {@code suppress-complaint}, or
	 * {@code null} when the address is not suppressed
	 */
	@Nullable String suppressionReason(String domain, String address, List<String> tags) {
		return null;
	}

	/**
	 * Records a hard bounce, unless the address is on the allowlist, as Mailgun does.
	 * @param domain the sending domain
	 * @param address the address that bounced
	 * @param code the SMTP code
	 * @param error the SMTP error text
	 * @return whether a bounce entry was added
	 */
	boolean bounce(String domain, String address, int code, String error) {
		return false;
	}

	/** Records a complaint. */
	void complain(String domain, String address) {
	}

	/** Records an unsubscribe, from every mail ({@code tag} {@code null} or {@code *}) or from one tag. */
	void unsubscribe(String domain, String address, @Nullable String tag) {
	}

	void reset() {
	}

	MockClock clock() {
		return this.clock;
	}

}
