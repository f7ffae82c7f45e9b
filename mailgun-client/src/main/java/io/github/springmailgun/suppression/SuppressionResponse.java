package io.github.springmailgun.suppression;

import org.jspecify.annotations.Nullable;

/**
 * Mailgun's answer to a change of a suppression list.
 *
 * @param message Mailgun's text, such as {@code 4 addresses have been added to the bounces table}
 * @param address the address concerned, where Mailgun says (deleting one entry)
 * @param type the allowlist entry type, where Mailgun says (adding to the allowlist)
 * @param value the allowlist value, where Mailgun says (adding to or deleting from the allowlist)
 */
public record SuppressionResponse(String message, @Nullable String address, @Nullable String type,
		@Nullable String value) {

	/**
	 * Reads a missing message as empty.
	 */
	public SuppressionResponse {
		message = (message != null) ? message : "";
	}

}
