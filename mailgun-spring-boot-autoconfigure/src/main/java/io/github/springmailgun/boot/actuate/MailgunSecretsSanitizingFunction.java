package io.github.springmailgun.boot.actuate;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the Mailgun API key and webhook signing keys in {@code /actuator/env} and
 * {@code /actuator/configprops}, even when an application shows values
 * ({@code management.endpoint.env.show-values=always}): properties named like them under every spelling a
 * property source may use ({@code mailgun.api-key}, {@code mailgun.apiKey}, {@code MAILGUN_API_KEY}), and
 * any value that contains one of the configured keys whatever its name, such as
 * {@code SPRING_APPLICATION_JSON} or {@code sun.java.command} with {@code --mailgun.api-key=...}.
 */
public class MailgunSecretsSanitizingFunction implements SanitizingFunction {

	/** Secret property names with case, dots, dashes and underscores removed. */
	private static final Set<String> SECRETS = Set.of("mailgunapikey", "mailgunwebhookssigningkey",
			"mailgunwebhooksparentsigningkey");

	/** Shorter keys are only masked as whole values: a key of a few characters would mask everything. */
	private static final int MIN_CONTAINED_LENGTH = 8;

	private final Supplier<? extends Collection<@Nullable String>> secrets;

	/**
	 * Creates a function that masks the Mailgun secret properties by name only.
	 */
	public MailgunSecretsSanitizingFunction() {
		this(List::of);
	}

	/**
	 * Creates a function that also masks any value that contains one of the given secrets.
	 * @param secrets the configured keys, asked for on each use so that a refreshed key is masked too;
	 * {@code null} or blank ones are ignored
	 */
	public MailgunSecretsSanitizingFunction(Supplier<? extends Collection<@Nullable String>> secrets) {
		this.secrets = Objects.requireNonNull(secrets, "secrets");
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		return (isSecret(data.getKey()) || containsSecret(data.getValue())) ? data.withSanitizedValue() : data;
	}

	private boolean containsSecret(@Nullable Object value) {
		if (value == null) {
			return false;
		}
		String text = value.toString();
		for (String secret : this.secrets.get()) {
			if (secret != null && !secret.isBlank()
					&& ((secret.length() >= MIN_CONTAINED_LENGTH) ? text.contains(secret) : text.equals(secret))) {
				return true;
			}
		}
		return false;
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
