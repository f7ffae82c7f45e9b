package io.github.springmailgun.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the files under {@code src/test/resources/webhooks}.
 */
final class Fixtures {

	/** The signature in the fixtures: Mailgun's documented example, made with a key we do not know. */
	static final String DOCUMENTED_SIGNATURE = "d2271d12299f6592d9d44cd9d250f0704e4674c30d79d07c47a66f95ce71cf55";

	private Fixtures() {
	}

	static String read(String name) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/webhooks/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads a fixture and replaces the documented signature with one made with the test key.
	 */
	static String readSigned(String name, String timestamp, String token) {
		String text = read(name);
		if (!text.contains(DOCUMENTED_SIGNATURE)) {
			throw new IllegalArgumentException(name + " does not carry the documented signature");
		}
		return text.replace(DOCUMENTED_SIGNATURE, WebhookSignatures.sign(WebhookSignatures.KEY, timestamp, token));
	}

}
