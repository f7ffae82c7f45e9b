package io.github.springmailgun.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One recipient of a batch send and the variables its copy is rendered with
 * ({@code %recipient.name%}).
 *
 * @param address the address, optionally with a display name
 * @param variables the recipient's variables
 */
public record BatchRecipient(String address, Map<String, Object> variables) {

	/**
	 * Checks the address and copies the variables.
	 */
	public BatchRecipient {
		Checks.requireSingleAddress("to", address);
		variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
	}

	/**
	 * Creates a recipient without variables.
	 * @param address the address
	 * @return the recipient
	 */
	public static BatchRecipient of(String address) {
		return new BatchRecipient(address, Map.of());
	}

	/**
	 * Creates a recipient with variables.
	 * @param address the address
	 * @param variables the variables
	 * @return the recipient
	 */
	@SuppressWarnings("unchecked")
	public static BatchRecipient of(String address, Map<String, ?> variables) {
		// Read-only here, and copied by the constructor: no second copy per recipient.
		return new BatchRecipient(address, (Map<String, Object>) variables);
	}

	/**
	 * Returns the bare address ({@code local@domain}), the key of {@code recipient-variables}.
	 * @return the bare address
	 */
	public String bareAddress() {
		String trimmed = this.address.trim();
		// Only "Name <address>" ends with '>' (a bare address may not contain one): no search otherwise.
		if (trimmed.isEmpty() || trimmed.charAt(trimmed.length() - 1) != '>') {
			return trimmed;
		}
		int open = trimmed.lastIndexOf('<');
		return trimmed.substring(open + 1, trimmed.length() - 1).trim();
	}

}
