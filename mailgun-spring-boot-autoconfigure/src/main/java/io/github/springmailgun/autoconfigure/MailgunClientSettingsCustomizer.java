package io.github.springmailgun.autoconfigure;

import io.github.springmailgun.MailgunClientSettings;

/**
 * Customizes the {@link MailgunClientSettings} built from properties and connection details, for
 * values that are easier to set in code (a retry policy, a key from a vault).
 */
@FunctionalInterface
public interface MailgunClientSettingsCustomizer {

	/**
	 * Customizes the settings builder.
	 * @param builder the builder, already holding the configured values
	 */
	void customize(MailgunClientSettings.Builder builder);

}
