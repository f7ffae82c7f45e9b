package io.github.springmailgun.autoconfigure.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds webhook bodies the way Mailgun does: the client module's fixtures (Mailgun's documented
 * payloads), re-signed with a test key, a fresh token and the current time.
 */
public final class SignedWebhooks {

	/** The signing key the test applications are configured with. */
	public static final String SIGNING_KEY = "test-webhook-signing-key-5f1c";

	/** The parent signing key the test applications are configured with. */
	public static final String PARENT_SIGNING_KEY = "test-parent-signing-key-9a2e";

	private static final Path FIXTURES = Path.of("..", "mailgun-client", "src", "test", "resources", "webhooks");

	// Exact decimals, so that re-signed fixtures keep the microseconds of their event timestamps.
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private SignedWebhooks() {
	}

	/**
	 * Returns a fresh 50-character token, as Mailgun's.
	 * @return the token
	 */
	public static String token() {
		byte[] bytes = new byte[25];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * Returns the current time in seconds since the epoch, shifted.
	 * @param shift added to now
	 * @return the timestamp text
	 */
	public static String timestamp(Duration shift) {
		return Long.toString(Instant.now().plus(shift).getEpochSecond());
	}

	/**
	 * Returns the hex HMAC-SHA256 of timestamp and token.
	 * @param key the signing key
	 * @param timestamp the timestamp
	 * @param token the token
	 * @return the signature
	 */
	public static String sign(String key, String timestamp, String token) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reads a fixture of the client module.
	 * @param name the file name
	 * @return the content
	 */
	public static String fixture(String name) {
		try {
			return Files.readString(FIXTURES.resolve(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns a JSON fixture with a signature block made with the given key, signing now.
	 * @param fixture the file name, for example {@code delivered.json}
	 * @param key the signing key
	 * @param token the token
	 * @return the body
	 */
	public static String json(String fixture, String key, String token) {
		return json(fixture, key, timestamp(Duration.ZERO), token);
	}

	/**
	 * Returns a JSON fixture with a signature block made with the given key.
	 * @param fixture the file name, for example {@code delivered.json}
	 * @param key the signing key
	 * @param timestamp the timestamp
	 * @param token the token
	 * @return the body
	 */
	public static String json(String fixture, String key, String timestamp, String token) {
		Map<String, Object> signature = new LinkedHashMap<>();
		signature.put("timestamp", timestamp);
		signature.put("token", token);
		signature.put("signature", sign(key, timestamp, token));
		return withSignature(fixture, signature);
	}

	/**
	 * Returns a JSON fixture with a signature block.
	 * @param fixture the file name
	 * @param signature the signature block
	 * @return the body
	 */
	public static String withSignature(String fixture, Map<String, Object> signature) {
		Map<String, Object> body = MAPPER.readValue(fixture(fixture), new TypeReference<LinkedHashMap<String, Object>>() {
		});
		body.put("signature", signature);
		return MAPPER.writeValueAsString(body);
	}

	/**
	 * Returns the legacy form fixture signed with the given key, signing now.
	 * @param key the signing key
	 * @param token the token
	 * @return the form-encoded body
	 */
	public static String legacyForm(String key, String token) {
		String timestamp = timestamp(Duration.ZERO);
		String form = fixture("legacy-delivered.form").strip();
		form = form.replaceAll("timestamp=[0-9]+", "timestamp=" + timestamp)
			.replaceAll("token=[0-9a-f]+", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))
			.replaceAll("signature=[0-9a-f]+", "signature=" + sign(key, timestamp, token));
		return form;
	}

}
