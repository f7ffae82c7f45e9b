package io.github.springmailgun.sample.webflux;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.github.springmailgun.event.FailedEvent;
import io.github.springmailgun.webhook.MailgunWebhookEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reacts to Mailgun's webhooks, which the starter verifies and publishes when
 * {@code mailgun.webhooks.signing-key} is set: logs each event and keeps the latest ones.
 */
@Component
public class DeliveryEventListener {

	private static final Log logger = LogFactory.getLog(DeliveryEventListener.class);

	private static final int KEPT = 100;

	private final Deque<MailgunWebhookEvent> recent = new ArrayDeque<>();

	@EventListener
	void on(MailgunWebhookEvent webhook) {
		if (webhook.event() instanceof FailedEvent failed && failed.isPermanent()) {
			logger.warn("Permanent failure for " + failed.recipient() + ": " + failed.reason());
		}
		else {
			logger.info("Mailgun event " + webhook.type() + " for message " + webhook.event().messageId());
		}
		synchronized (this.recent) {
			if (this.recent.size() == KEPT) {
				this.recent.removeFirst();
			}
			this.recent.addLast(webhook);
		}
	}

	/**
	 * Returns the latest events, oldest first.
	 * @return the events
	 */
	public List<MailgunWebhookEvent> recent() {
		synchronized (this.recent) {
			return List.copyOf(this.recent);
		}
	}

}
