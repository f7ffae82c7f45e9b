package io.github.springmailgun.autoconfigure.actuate;

import java.util.ArrayList;
import java.util.List;

import io.github.springmailgun.autoconfigure.MailgunConnectionDetails;
import io.github.springmailgun.boot.actuate.MailgunSecretsSanitizingFunction;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Registers {@link MailgunSecretsSanitizingFunction} when Spring Boot's actuator is present, masking the
 * configured API key and signing keys wherever a value contains them.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class MailgunActuatorAutoConfiguration {

	private static final List<String> SECRET_PROPERTIES = List.of("mailgun.api-key", "mailgun.webhooks.signing-key",
			"mailgun.webhooks.parent-signing-key");

	@Bean
	@ConditionalOnMissingBean
	MailgunSecretsSanitizingFunction mailgunSecretsSanitizingFunction(Environment environment,
			ObjectProvider<MailgunConnectionDetails> connectionDetails) {
		return new MailgunSecretsSanitizingFunction(() -> secrets(environment, connectionDetails));
	}

	private static List<@Nullable String> secrets(Environment environment,
			ObjectProvider<MailgunConnectionDetails> connectionDetails) {
		List<@Nullable String> secrets = new ArrayList<>(SECRET_PROPERTIES.size() + 1);
		for (String name : SECRET_PROPERTIES) {
			try {
				secrets.add(environment.getProperty(name));
			}
			catch (IllegalArgumentException ex) {
				// An unresolvable placeholder: there is no value to find elsewhere, and the endpoint must answer.
			}
		}
		// A key from elsewhere than the properties (a container, a vault-backed bean).
		MailgunConnectionDetails details = connectionDetails.getIfUnique();
		secrets.add((details != null) ? details.getApiKey() : null);
		return secrets;
	}

}
