package io.github.springmailgun.test;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Received mail of a {@link MailgunMockServer}: {@link #receive(MockInboundMessage)} runs the
 * {@linkplain MockInboundRoutes routes} that match the recipient, in priority order up to {@code stop()},
 * and posts the message to each {@code forward(url)} as Mailgun does (the parsed form, or the raw MIME
 * form for a URL ending in {@code mime}), signed with the {@linkplain MockWebhooks#signingKey() webhook
 * signing key}, on the mock's {@link MockClock} like webhook posts. A post answered with neither 2xx nor
 * 406 (Mailgun's "stop"), or not answered, is retried on the {@linkplain MockWebhooks#retrySchedule()
 * webhooks' schedule}; {@link #deliveries()} records every attempt. A {@code forward} to an email address
 * is recorded, not sent; {@code store(...)} is not run.
 *
 * <p>
 * Thread-safe.
 */
public final class MockInbound {

	private static final Pattern FORWARD = Pattern.compile("^\\s*forward\\(\\s*[\"'](.*)[\"']\\s*\\)\\s*$");

	private final MockInboundRoutes routes;

	private final MockWebhooks webhooks;

	private final InboundPoster poster;

	private final DeliveryLog<MockInboundDelivery> deliveries = new DeliveryLog<>("inbound post");

	MockInbound(MockInboundRoutes routes, MockWebhooks webhooks) {
		this.routes = routes;
		this.webhooks = webhooks;
		this.poster = new InboundPoster(this, webhooks);
	}

	/**
	 * Receives a message: each matching route's {@code forward} actions are run, URLs posted to as a task
	 * of the mock's clock (so on the system clock this returns before the posts are made; use
	 * {@link #awaitDeliveries(int, Duration)}).
	 * @param message the message
	 * @return the routes that matched, in the order they ran; empty when none did and nothing is posted
	 */
	public List<MockRoute> receive(MockInboundMessage message) {
		Objects.requireNonNull(message, "message");
		List<MockRoute> matched = this.routes.matchingAll(message.recipient(),
				MockInboundRoutes.byLowerCaseName(message.allHeaders()));
		for (MockRoute route : matched) {
			for (String action : route.actions()) {
				Matcher forward = FORWARD.matcher(action);
				if (!forward.matches()) {
					continue;
				}
				String target = forward.group(1);
				if (target.startsWith("http://") || target.startsWith("https://")) {
					this.poster.post(route.id(), target, message);
				}
				else {
					record(new MockInboundDelivery(route.id(), target, message.recipient(), message.subject(),
							1, this.webhooks.clock().now(), 0, null));
				}
			}
		}
		return matched;
	}

	/**
	 * Returns every post (and recorded forward to an address) since the start or the last reset.
	 * @return the deliveries, oldest first
	 */
	public List<MockInboundDelivery> deliveries() {
		return this.deliveries.all();
	}

	/**
	 * Waits until at least {@code count} deliveries were made, for posts on the system clock.
	 * @param count how many to wait for
	 * @param timeout how long to wait at most
	 * @return every delivery so far (at least {@code count})
	 * @throws AssertionError when they were not made in time, listing those that were
	 */
	public List<MockInboundDelivery> awaitDeliveries(int count, Duration timeout) {
		return this.deliveries.await(count, timeout);
	}

	void record(MockInboundDelivery delivery) {
		this.deliveries.record(delivery);
	}

	/** Forgets deliveries; posts of an earlier generation are not recorded. */
	void reset() {
		this.poster.reset();
		this.deliveries.clear();
	}

}
