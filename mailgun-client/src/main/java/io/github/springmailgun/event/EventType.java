package io.github.springmailgun.event;

import io.github.springmailgun.internal.WireValues;

/**
 * The kind of a {@link MailgunEvent}, from {@code event-data.event}. Events this library does not model
 * yet are {@link #UNKNOWN} and keep their name in {@link MailgunEvent#event()}.
 */
public enum EventType {

	/** Mailgun accepted the message and queued it. */
	ACCEPTED("accepted"),

	/** Mailgun rejected the request to send or forward the message. */
	REJECTED("rejected"),

	/** The recipient's mail server accepted the message. */
	DELIVERED("delivered"),

	/** The message could not be delivered, permanently or for now (see {@link FailureSeverity}). */
	FAILED("failed"),

	/** The recipient opened the message (open tracking). */
	OPENED("opened"),

	/** The recipient clicked a link (click tracking). */
	CLICKED("clicked"),

	/** The recipient clicked the unsubscribe link. */
	UNSUBSCRIBED("unsubscribed"),

	/** The recipient reported the message as spam. */
	COMPLAINED("complained"),

	/** Mailgun stored an incoming message. */
	STORED("stored"),

	/** An event this library does not model. */
	UNKNOWN("");

	private final String wireName;

	EventType(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * Returns the name Mailgun uses in {@code event-data.event}, empty for {@link #UNKNOWN}.
	 * @return the wire name
	 */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * Returns the type of a Mailgun event name, ignoring case and surrounding whitespace.
	 * @param event the value of {@code event-data.event}
	 * @return the type, {@link #UNKNOWN} for names this library does not model
	 */
	public static EventType of(String event) {
		EventType type = WireValues.find(values(), EventType::wireName, event);
		return (type != null) ? type : UNKNOWN;
	}

}
