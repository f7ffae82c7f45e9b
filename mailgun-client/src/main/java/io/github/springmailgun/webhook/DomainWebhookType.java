package io.github.springmailgun.webhook;

import io.github.springmailgun.internal.WireValues;
import org.jspecify.annotations.Nullable;

/**
 * The events a domain webhook can be registered for, named as Mailgun's webhook API names them
 * (which differ from event names: {@code permanent_fail} is a {@code failed} event of severity
 * {@code permanent}).
 */
public enum DomainWebhookType {

	/** Mailgun accepted a message ({@code accepted}). */
	ACCEPTED("accepted"),

	/** A message was delivered ({@code delivered}). */
	DELIVERED("delivered"),

	/** A recipient opened a message ({@code opened}); needs open tracking. */
	OPENED("opened"),

	/** A recipient clicked a link ({@code clicked}); needs click tracking. */
	CLICKED("clicked"),

	/** A recipient unsubscribed ({@code unsubscribed}). */
	UNSUBSCRIBED("unsubscribed"),

	/** A recipient reported spam ({@code complained}). */
	COMPLAINED("complained"),

	/** Delivery failed for good ({@code permanent_fail}). */
	PERMANENT_FAIL("permanent_fail"),

	/** Delivery failed for now and will be retried ({@code temporary_fail}). */
	TEMPORARY_FAIL("temporary_fail");

	private final String wireValue;

	DomainWebhookType(String wireValue) {
		this.wireValue = wireValue;
	}

	/**
	 * Returns the name as Mailgun's webhook API expects it.
	 * @return the wire value
	 */
	public String wireValue() {
		return this.wireValue;
	}

	/**
	 * Finds the type of a webhook name.
	 * @param name the name as Mailgun writes it
	 * @return the type, or {@code null} for a name this client does not know
	 */
	public static @Nullable DomainWebhookType of(@Nullable String name) {
		return WireValues.find(values(), DomainWebhookType::wireValue, name);
	}

}
