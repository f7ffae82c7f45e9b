package io.github.springmailgun.webhook;

import java.nio.charset.StandardCharsets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhooks the way Mailgun does, independently of the code under test.
 */
final class WebhookSignatures {

	static final String KEY = "0123456789abcdef-mailgun-test-key";

	static final String PARENT_KEY = "fedcba9876543210-primary-account-key";

	static final String TOKEN = "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0";

	private WebhookSignatures() {
	}

	static String sign(String key, String timestamp, String token) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] digest = mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8));
			StringBuilder hex = new StringBuilder();
			for (byte b : digest) {
				hex.append(String.format("%02x", b & 0xff));
			}
			return hex.toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static WebhookSignature signed(String timestamp, String token) {
		return new WebhookSignature(timestamp, token, sign(KEY, timestamp, token));
	}

	static WebhookSignature signed(long timestamp, String token) {
		return signed(Long.toString(timestamp), token);
	}

}
