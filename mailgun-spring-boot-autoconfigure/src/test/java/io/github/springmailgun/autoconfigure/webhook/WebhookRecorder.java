package io.github.springmailgun.autoconfigure.webhook;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.springmailgun.webhook.MailgunLegacyWebhookEvent;
import io.github.springmailgun.webhook.MailgunWebhookEvent;

import org.springframework.context.event.EventListener;

/**
 * A listener as users write one: records the webhook events it gets and the threads it ran on, and fails
 * while told to.
 */
public class WebhookRecorder {

	/** The JSON webhook events received. */
	public final List<MailgunWebhookEvent> events = new CopyOnWriteArrayList<>();

	/** The legacy webhook events received. */
	public final List<MailgunLegacyWebhookEvent> legacyEvents = new CopyOnWriteArrayList<>();

	/** The names of the threads the listener ran on. */
	public final List<String> threads = new CopyOnWriteArrayList<>();

	/** Whether the listener throws, as when a database it writes to is down. */
	public volatile boolean failing;

	@EventListener
	void on(MailgunWebhookEvent event) {
		this.threads.add(Thread.currentThread().getName());
		if (this.failing) {
			throw new IllegalStateException("Database is down");
		}
		this.events.add(event);
	}

	@EventListener
	void on(MailgunLegacyWebhookEvent event) {
		this.threads.add(Thread.currentThread().getName());
		if (this.failing) {
			throw new IllegalStateException("Database is down");
		}
		this.legacyEvents.add(event);
	}

	/**
	 * Forgets everything and stops failing.
	 */
	public void reset() {
		this.events.clear();
		this.legacyEvents.clear();
		this.threads.clear();
		this.failing = false;
	}

}
