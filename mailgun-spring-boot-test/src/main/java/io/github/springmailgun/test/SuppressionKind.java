package io.github.springmailgun.test;

import java.util.Locale;

/**
 * The four suppression lists of a domain, with their path segment, the field that keys an entry and the
 * texts of Mailgun's answers (from the examples of its API reference).
 */
enum SuppressionKind {

	/** {@code /v3/{domain}/bounces}. */
	BOUNCES("bounces", "address", "Address not found in bounces table",
			"Address has been added to the bounces table", "%d addresses have been added to the bounces table",
			"Bounced addresses for this domain have been removed",
			"Bounced addresses for this domain have been removed"),

	/** {@code /v3/{domain}/unsubscribes}. */
	UNSUBSCRIBES("unsubscribes", "address", "Address not found in unsubscribers table",
			"Address has been added to the unsubscribes table",
			"%d addresses have been added to the unsubscribes table", "Unsubscribe event has been removed",
			"Unsubscribe addresses for this domain have been removed"),

	/** {@code /v3/{domain}/complaints}. */
	COMPLAINTS("complaints", "address", "No spam complaints found for this address",
			"Address has been added to the complaints table",
			"%d complaint addresses have been added to the complaints table",
			"Complaint addresses for this domain have been removed",
			"Complaint addresses for this domain have been removed"),

	/** {@code /v3/{domain}/whitelists}: Mailgun's paths still say whitelist. */
	ALLOWLIST("whitelists", "value", "Address/Domain not found in allowlist table",
			"Address/Domain has been added to the allowlists table", "%d entries have been added to the allowlists table",
			"Allowlist address/domain has been removed",
			"Allowlist addresses/domains for this domain have been removed");

	private final String path;

	private final String keyField;

	private final String notFound;

	private final String addedOne;

	private final String addedMany;

	private final String removedOne;

	private final String cleared;

	SuppressionKind(String path, String keyField, String notFound, String addedOne, String addedMany,
			String removedOne, String cleared) {
		this.path = path;
		this.keyField = keyField;
		this.notFound = notFound;
		this.addedOne = addedOne;
		this.addedMany = addedMany;
		this.removedOne = removedOne;
		this.cleared = cleared;
	}

	/** The list's path segment, such as {@code bounces}. */
	String path() {
		return this.path;
	}

	/** The entry field that keys it: {@code address}, or {@code value} on the allowlist. */
	String keyField() {
		return this.keyField;
	}

	/** The 404 text for a missing entry. */
	String notFound() {
		return this.notFound;
	}

	/** The answer to adding one entry as a form. */
	String addedOne() {
		return this.addedOne;
	}

	/** The answer to adding a JSON batch of {@code count} entries. */
	String addedMany(int count) {
		return String.format(Locale.ROOT, this.addedMany, count);
	}

	/** The answer to deleting one entry. */
	String removedOne() {
		return this.removedOne;
	}

	/** The answer to deleting the whole list. */
	String cleared() {
		return this.cleared;
	}

}
