package io.github.springmailgun.boot.actuate;

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the Mailgun API key and webhook signing key in {@code /actuator/env} and
 * {@code /actuator/configprops}, even when an application shows values
 * ({@code management.endpoint.env.show-values=always}), under every spelling a property source may use:
 * {@code mailgun.api-key}, {@code mailgun.apiKey}, {@code MAILGUN_API_KEY}.
 */
public class MailgunSecretsSanitizingFunction implements SanitizingFunction {

	/** Secret property names with case, dots, dashes and underscores removed. */
	private static final Set<String> SECRETS = Set.of("mailgunapikey", "mailgunwebhookssigningkey",
			"mailgunwebhooksparentsigningkey");

	@Override
	public SanitizableData apply(SanitizableData data) {
		return isSecret(data.getKey()) ? data.withSanitizedValue() : data;
	}

	static boolean isSecret(String key) {
		StringBuilder normalized = new StringBuilder(key.length());
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (Character.isLetterOrDigit(c)) {
				normalized.append(Character.toLowerCase(c));
			}
		}
		String name = normalized.toString().toLowerCase(Locale.ROOT);
		return SECRETS.contains(name);
	}

}
