package io.github.springmailgun.webhook;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.event.DeliveredEvent;
import io.github.springmailgun.event.EventType;
import io.github.springmailgun.event.FailedEvent;
import io.github.springmailgun.event.MailgunEvent;
import io.github.springmailgun.event.UnknownEvent;
import io.github.springmailgun.testing.LoopbackMailgun;
import io.github.springmailgun.webhook.WebhookVerificationException.Reason;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Whatever arrives at a webhook endpoint (random text, broken or truncated JSON, absurd nesting, huge
 * values, numbers of any size, every known field with a value of the wrong type, broken form
 * encoding), the parser returns a payload or throws {@link WebhookVerificationException} with reason
 * {@link Reason#MALFORMED}, quickly: never another exception, never a hang. The body is parsed before
 * its signature can be checked, so all of it is in an attacker's hands.
 */
class WebhookParserPropertiesTests {

	/** A functional bound, not a performance figure: each parse takes well under a millisecond. */
	private static final Duration LIMIT = Duration.ofSeconds(5);

	private static final WebhookPayloadParser PARSER = new WebhookPayloadParser();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	// Reads and writes the test's own JSON, independently of the parser's mapper.
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final List<String> FIXTURES = List.of("accepted.json", "clicked.json", "complained.json",
			"delivered-with-new-fields.json", "delivered.json", "failed-temporary.json", "failed.json", "opened.json",
			"rejected.json", "stored.json", "unknown-event.json", "unsubscribed.json");

	/** Fields whose absence or wrong type makes a body unusable, so MALFORMED is a correct answer. */
	private static final Set<String> REQUIRED_PATHS = Set.of("signature", "signature.timestamp", "signature.token",
			"signature.signature", "signature.parent-signature", "parent-signature", "event-data", "event-data.event");

	/** Every field the parser reads; all but {@link #REQUIRED_PATHS} are optional and read leniently. */
	private static final List<String> KNOWN_PATHS = List.of("signature", "signature.timestamp", "signature.token",
			"signature.signature", "signature.parent-signature", "parent-signature", "event-data", "event-data.event",
			"event-data.id", "event-data.timestamp", "event-data.recipient", "event-data.message",
			"event-data.message.headers", "event-data.message.headers.message-id", "event-data.message.headers.from",
			"event-data.message.headers.to", "event-data.message.headers.subject", "event-data.tags",
			"event-data.user-variables", "event-data.storage", "event-data.storage.key", "event-data.storage.url",
			"event-data.delivery-status", "event-data.delivery-status.code", "event-data.delivery-status.attempt-no",
			"event-data.delivery-status.mx-host", "event-data.delivery-status.mxhost",
			"event-data.delivery-status.message", "event-data.delivery-status.description",
			"event-data.delivery-status.enhanced-code", "event-data.severity", "event-data.reason", "event-data.url",
			"event-data.reject", "event-data.reject.reason", "event-data.reject.description");

	private static final Map<String, String> FIXTURE_TEXT = new java.util.concurrent.ConcurrentHashMap<>();

	/** Stands for "remove the field" among replacement values. */
	private static final Object ABSENT = new Object() {

		@Override
		public String toString() {
			return "<absent>";
		}

	};

	// ---------------------------------------------------------------------------------------------
	// Storage URLs: the signature does not cover event-data, so a forged event may carry any URL

	/** Answers every stored-message request; shared by the tries, closed after the class. */
	private static final LoopbackMailgun STORAGE = LoopbackMailgun.start();

	static {
		STORAGE.dispatch(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return LoopbackMailgun.jsonResponse(200, "{\"From\":\"a@example.com\"}");
			}

		});
	}

	@AfterContainer
	static void stopStorage() {
		STORAGE.close();
	}

	@Property(tries = 300)
	void aStorageUrlFromAnEventReachesNothingButAStoredMessage(@ForAll("storagePaths") String path) {
		// Both outcomes must occur, or the property proves nothing about one of them.
		Statistics.label("storage.url")
			.coverage(coverage -> {
				coverage.check("fetched").count(count -> count > 0);
				coverage.check("refused").count(count -> count > 0);
			});
		String url = STORAGE.baseUrl() + path;
		String body = write(Map.of("signature", Map.of("timestamp", "1529006854", "token", "t", "signature", "s"),
				"event-data", Map.of("event", "stored", "storage", Map.of("url", url, "key", "k"))));
		String storageUrl = PARSER.parse(body).event().data().storage().url();
		int before = STORAGE.requestCount();
		try {
			STORAGE.mailgun().storedMessage(storageUrl).block(LIMIT);
		}
		catch (MailgunValidationException ex) {
			assertThat(ex.getParameter()).isEqualTo("storage.url");
			assertThat(ex.getMessage()).doesNotContain(LoopbackMailgun.API_KEY);
			STORAGE.barrier();
			assertThat(STORAGE.requestCount()).as("requests for %s", path).isEqualTo(before);
			Statistics.label("storage.url").collect("refused");
			return;
		}
		Statistics.label("storage.url").collect("fetched");
		RecordedRequest request = STORAGE.takeRequest();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getUrl().encodedQuery()).isNull();
		List<String> segments = List.of(request.getUrl().encodedPath().split("/", -1));
		assertThat(segments).hasSize(6).startsWith("", "v3", "domains");
		assertThat(segments.get(4)).isEqualTo("messages");
		assertThat(segments).doesNotContain(".", "..");
		assertThat(segments.get(3) + segments.get(5)).doesNotContainIgnoringCase("%2e%2e").doesNotContainIgnoringCase("%2f");
	}

	@Provide
	Arbitrary<String> storagePaths() {
		Arbitrary<String> segment = Arbitraries.oneOf(
				Arbitraries.of(".", "..", "%2e", "%2E%2e", "%252e%252e", ".%2e", "", "v3", "v4", "v5", "domains",
						"messages", "accounts", "http_signing_key", "mg.example.com", "KEY", "a%2Fb", "a%5cb", "%zz"),
				Arbitraries.strings().withChars("abcXYZ019-_.~%").ofMinLength(1).ofMaxLength(8));
		Arbitrary<String> anyPath = segment.list().ofMaxSize(7).map(segments -> "/" + String.join("/", segments));
		Arbitrary<String> storedShape = segment.list()
			.ofSize(2)
			.map(segments -> "/v3/domains/" + segments.get(0) + "/messages/" + segments.get(1));
		Arbitrary<String> suffix = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")),
				Tuple.of(4, Arbitraries.of("?x=1", "?", "#f", "/", "/attachments/0", "/..", "/%2e%2e")));
		Arbitrary<String> paths = Arbitraries.frequencyOf(Tuple.of(3, storedShape), Tuple.of(2, anyPath),
				Tuple.of(1, Arbitraries.just("/v5/accounts/http_signing_key")));
		return Combinators.combine(paths, suffix).as(String::concat);
	}

	// ---------------------------------------------------------------------------------------------
	// JSON bodies

	@Property(tries = 700)
	void anyTextIsAPayloadOrMalformed(@ForAll("bodies") String body) {
		parseOrRefuse(body);
		parseOrRefuse(body.getBytes(StandardCharsets.UTF_8));
	}

	@Property(tries = 300)
	void anyBytesAreAPayloadOrMalformed(@ForAll("byteBodies") byte[] body) {
		parseOrRefuse(body);
	}

	@Property(tries = 1000)
	void everyKnownFieldWithAnyValueIsReadOrRefused(@ForAll("fixtures") String fixture, @ForAll("knownPaths") String path,
			@ForAll("replacements") Object value) {
		Map<String, Object> body = read(fixture);
		MailgunEvent original = PARSER.parse(FIXTURE_TEXT.get(fixture)).event();
		put(body, path, value);
		String json = write(body);

		WebhookPayload payload = parseOrRefuse(json);

		if (!REQUIRED_PATHS.contains(path)) {
			// An optional field of the wrong type is read as absent; the event is still delivered.
			assertThat(payload).as("payload with %s = %s", path, cut(String.valueOf(value))).isNotNull();
			assertThat(payload.event()).hasSameClassAs(original);
			assertThat(payload.event().event()).isEqualTo(original.event());
		}
	}

	@Property(tries = 300)
	void extraFieldsAreKeptAsReceived(@ForAll("fixtures") String fixture,
			@ForAll("extraFields") Map<String, Object> extraTopLevel,
			@ForAll("extraFields") Map<String, Object> extraEventData) {
		Map<String, Object> body = read(fixture);
		body.putAll(extraTopLevel);
		eventData(body).putAll(extraEventData);
		String json = write(body);

		WebhookPayload payload = PARSER.parse(json);

		assertThat(payload.json()).isEqualTo(json);
		extraTopLevel.forEach((name, value) -> assertSameJson(payload.fields().get(name), value));
		extraEventData.forEach((name, value) -> assertSameJson(payload.event().fields().get(name), value));
		assertSameJson(payload.event().fields(), eventData(body));
		assertSameJson(payload.fields(), body);
	}

	@Property(tries = 500)
	void anyEventNameIsReadAndUnknownOnesKeepEverything(@ForAll("fixtures") String fixture,
			@ForAll("eventNames") String name) {
		Map<String, Object> body = read(fixture);
		eventData(body).put("event", name);
		String json = write(body);

		WebhookPayload payload = parseOrRefuse(json);

		if (name.isBlank()) {
			assertThat(payload).isNull();
			return;
		}
		assertThat(payload).isNotNull();
		assertThat(payload.event().event()).isEqualTo(name);
		assertThat(payload.event().type()).isEqualTo(EventType.of(name));
		assertThat(payload.json()).isEqualTo(json);
		if (EventType.of(name) == EventType.UNKNOWN) {
			assertThat(payload.event()).isInstanceOf(UnknownEvent.class);
			assertSameJson(payload.event().fields(), eventData(body));
			assertSameJson(payload.fields(), body);
		}
	}

	@Property(tries = 500)
	void integerFieldsAreReadExactlyOrNotAtAll(@ForAll("integerCandidates") Object code,
			@ForAll("integerCandidates") Object attemptNo) {
		Map<String, Object> body = read("delivered.json");
		put(body, "event-data.delivery-status.code", code);
		put(body, "event-data.delivery-status.attempt-no", attemptNo);

		DeliveredEvent event = (DeliveredEvent) PARSER.parse(write(body)).event();

		assertThat(event.deliveryStatus().code()).as("code %s", code).isEqualTo(exactInt(code));
		assertThat(event.deliveryStatus().attemptNo()).as("attempt-no %s", attemptNo).isEqualTo(exactInt(attemptNo));
	}

	/** The int a JSON value stands for exactly, or {@code null} when it stands for none. */
	private static @Nullable Integer exactInt(@Nullable Object value) {
		try {
			if (value instanceof Number) {
				return new BigDecimal(value.toString()).intValueExact();
			}
			if (value instanceof String text) {
				return Integer.valueOf(text.trim());
			}
		}
		catch (ArithmeticException | NumberFormatException ex) {
			// Not an int.
		}
		return null;
	}

	@Example
	void numbersOfAnyMagnitudeAreReadQuickly() {
		for (String number : exoticNumbers(true)) {
			String json = Fixtures.read("delivered.json")
				.replace("\"timestamp\": 1529692199.626182", "\"timestamp\": " + number)
				.replace("\"code\": 250", "\"code\": " + number)
				.replace("\"attempt-no\": 1", "\"attempt-no\": " + number)
				.replace("\"timestamp\": \"1529006854\"", "\"timestamp\": " + number);
			parseOrRefuse(json);
			parseOrRefuse(json.replace("\"timestamp\": " + number, "\"timestamp\": \"" + number + "\""));
		}
	}

	@Example
	void eventTimestampsOfExtremeMagnitudeKeepTheirMeaning() {
		assertThat(eventTimestamp(new BigDecimal("1e9999999"))).isNull();
		assertThat(eventTimestamp("-1e9999999")).isNull();
		assertThat(eventTimestamp(new BigDecimal("1e18"))).isNull();
		assertThat(eventTimestamp(new BigDecimal("31556889864403199"))).isEqualTo(Instant.MAX.minusNanos(999_999_999));
		assertThat(eventTimestamp(new BigDecimal("31556889864403200"))).isNull();
		assertThat(eventTimestamp(new BigDecimal("1e-9999999"))).isEqualTo(Instant.EPOCH);
		assertThat(eventTimestamp(new BigDecimal("-1e-9999999"))).isEqualTo(Instant.EPOCH.minusNanos(1));
		assertThat(eventTimestamp(new BigDecimal("-1e-9"))).isEqualTo(Instant.EPOCH.minusNanos(1));
		assertThat(eventTimestamp(new BigDecimal("1.5e-9"))).isEqualTo(Instant.EPOCH.plusNanos(1));
		assertThat(eventTimestamp(new BigDecimal("0e999999999"))).isEqualTo(Instant.EPOCH);
		assertThat(eventTimestamp("1529692199.626182")).isEqualTo(Instant.ofEpochSecond(1529692199L, 626_182_000));
		assertThat(eventTimestamp("1".repeat(1001))).isNull();
	}

	private static @Nullable Instant eventTimestamp(Object value) {
		return PARSER.parseEvent(Map.of("event", "opened", "timestamp", value)).timestamp();
	}

	// ---------------------------------------------------------------------------------------------
	// Legacy form bodies

	@Property(tries = 1000)
	void anyFormBodyIsAWebhookOrMalformed(@ForAll("formBodies") String body) {
		try {
			LegacyWebhook webhook = assertTimeoutPreemptively(LIMIT, () -> PARSER.parseLegacyForm(body));
			assertThat(webhook.signature().timestamp()).isEqualTo(webhook.first("timestamp"));
			touch(webhook);
		}
		catch (WebhookVerificationException ex) {
			assertMalformed(ex);
		}
	}

	@Property(tries = 300)
	void wellFormedFormsKeepEveryFieldInOrder(@ForAll("formPairs") List<Tuple2<String, String>> pairs,
			@ForAll("visibleText") String timestamp, @ForAll("visibleText") String token,
			@ForAll("visibleText") String signature, @ForAll("signatureSlot") int slot) {
		List<Tuple2<String, String>> all = new ArrayList<>(pairs);
		int at = Math.min(slot, all.size());
		all.add(at, Tuple.of("signature", signature));
		all.add(at, Tuple.of("token", token));
		all.add(0, Tuple.of("timestamp", timestamp));
		StringBuilder body = new StringBuilder();
		Map<String, List<String>> expected = new LinkedHashMap<>();
		for (Tuple2<String, String> pair : all) {
			if (body.length() > 0) {
				body.append('&');
			}
			body.append(URLEncoder.encode(pair.get1(), StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(pair.get2(), StandardCharsets.UTF_8));
			expected.computeIfAbsent(pair.get1(), name -> new ArrayList<>()).add(pair.get2());
		}

		LegacyWebhook webhook = PARSER.parseLegacyForm(body.toString());

		assertThat(webhook.fields()).isEqualTo(expected);
		assertThat(new ArrayList<>(webhook.fields().keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
		assertThat(webhook.signature()).isEqualTo(new WebhookSignature(timestamp, token, signature));
	}

	@Property(tries = 300)
	void anyDecodedFieldsAreAWebhookOrMalformed(@ForAll("decodedFields") Map<String, List<String>> fields) {
		try {
			touch(PARSER.parseLegacyForm(fields));
		}
		catch (WebhookVerificationException ex) {
			assertMalformed(ex);
		}
	}

	// ---------------------------------------------------------------------------------------------
	// Signature verification

	@Property(tries = 1000)
	void anySignatureBlockIsVerifiedOrRefused(@ForAll("timestamps") String timestamp, @ForAll("tokens") String token,
			@ForAll("signatures") String signature, @ForAll("parentSignatures") @Nullable String parentSignature) {
		WebhookSignature block = new WebhookSignature(timestamp, token, signature, parentSignature);
		for (WebhookSignatureVerifier verifier : List.of(verifier(null), verifier(WebhookSignatures.PARENT_KEY))) {
			try {
				WebhookVerification verification = verifier.verifyAndMarkProcessed(block);
				// Random text cannot match an HMAC: only the signatures made with the keys pass.
				assertThat(signature).isIn(WebhookSignatures.sign(WebhookSignatures.KEY, timestamp, token),
						WebhookSignatures.sign(WebhookSignatures.KEY, timestamp, token).toUpperCase());
				assertThat(verification.token()).isEqualTo(token);
			}
			catch (WebhookVerificationException ex) {
				assertThat(ex.getMessage()).doesNotContain(WebhookSignatures.KEY, WebhookSignatures.PARENT_KEY)
					.hasSizeLessThan(500);
			}
		}
	}

	@Property(tries = 300)
	void signaturesMadeWithTheKeyVerifyAndAnyChangedDigitDoesNot(@ForAll("validTokens") String token,
			@ForAll("ages") long ageSeconds, @ForAll("digitPositions") int position) {
		String timestamp = Long.toString(NOW - ageSeconds);
		String signature = WebhookSignatures.sign(WebhookSignatures.KEY, timestamp, token);

		WebhookVerification verification = verifier(null).verify(new WebhookSignature(timestamp, token, signature));
		assertThat(verification.token()).isEqualTo(token);

		char digit = signature.charAt(position);
		String changed = signature.substring(0, position) + ((digit == '0') ? '1' : '0')
				+ signature.substring(position + 1);
		try {
			verifier(null).verify(new WebhookSignature(timestamp, token, changed));
			fail("a changed signature was accepted");
		}
		catch (WebhookVerificationException ex) {
			assertThat(ex.getReason()).isEqualTo(Reason.BAD_SIGNATURE);
		}
	}

	// ---------------------------------------------------------------------------------------------
	// Helpers

	private static final long NOW = 1_529_006_854L;

	private static WebhookSignatureVerifier verifier(@Nullable String parentKey) {
		return WebhookSignatureVerifier.builder(WebhookSignatures.KEY)
			.parentSigningKey(parentKey)
			.clock(MutableClock.at(NOW))
			.build();
	}

	/** Parses; returns {@code null} when refused as MALFORMED. Any other exception fails the property. */
	private static @Nullable WebhookPayload parseOrRefuse(String body) {
		try {
			WebhookPayload payload = assertTimeoutPreemptively(LIMIT, () -> PARSER.parse(body));
			touch(payload);
			return payload;
		}
		catch (WebhookVerificationException ex) {
			assertMalformed(ex);
			return null;
		}
	}

	private static void parseOrRefuse(byte[] body) {
		try {
			touch(assertTimeoutPreemptively(LIMIT, () -> PARSER.parse(body)));
		}
		catch (WebhookVerificationException ex) {
			assertMalformed(ex);
		}
	}

	private static void assertMalformed(WebhookVerificationException ex) {
		assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED);
		// The message is for a log line: bounded, whatever the size of the body.
		assertThat(ex.getMessage()).isNotBlank().hasSizeLessThan(500);
	}

	/** Uses every accessor, as a handler would. */
	private static void touch(WebhookPayload payload) {
		MailgunEvent event = payload.event();
		String signature = payload.signature().signature();
		// The token is public and shown; a generated signature that repeats it (or another shown value)
		// would be found for that reason, not because the signature leaked.
		if (signature.length() >= 16 && !payload.signature().token().contains(signature)
				&& !payload.event().toString().contains(signature)) {
			assertThat(payload.toString()).doesNotContain(signature);
		}
		assertThat(event.event()).isNotBlank();
		event.type();
		event.id();
		event.timestamp();
		event.recipient();
		event.messageId();
		event.tags().forEach(tag -> assertThat(tag).isNotNull());
		event.userVariables().size();
		event.fields().size();
		event.data().storage();
		event.toString();
		if (event instanceof DeliveredEvent delivered && delivered.deliveryStatus() != null) {
			delivered.deliveryStatus().toString();
		}
		if (event instanceof FailedEvent failed) {
			failed.isPermanent();
		}
		payload.signature().toString();
		payload.fields().size();
	}

	private static void touch(LegacyWebhook webhook) {
		webhook.event();
		webhook.recipient();
		webhook.messageId();
		if (webhook.signature().signature().length() >= 16) {
			assertThat(webhook.toString()).doesNotContain(webhook.signature().signature());
		}
		webhook.fields().forEach((name, values) -> assertThat(values).doesNotContainNull());
	}

	private static Map<String, Object> read(String fixture) {
		return JSON.readValue(FIXTURE_TEXT.computeIfAbsent(fixture, Fixtures::read), MAP);
	}

	private static String write(Object value) {
		return JSON.writeValueAsString(value);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> eventData(Map<String, Object> body) {
		return (Map<String, Object>) body.get("event-data");
	}

	/** Sets the value at a dotted path, making the objects on the way; {@link #ABSENT} removes it. */
	@SuppressWarnings("unchecked")
	private static void put(Map<String, Object> body, String path, Object value) {
		String[] names = path.split("\\.");
		Map<String, Object> map = body;
		for (int i = 0; i < names.length - 1; i++) {
			Object next = map.get(names[i]);
			if (!(next instanceof Map)) {
				next = new LinkedHashMap<String, Object>();
				map.put(names[i], next);
			}
			map = (Map<String, Object>) next;
		}
		if (value == ABSENT) {
			map.remove(names[names.length - 1]);
		}
		else {
			map.put(names[names.length - 1], value);
		}
	}

	/**
	 * Compares as JSON text, since the parser leaves out members that are JSON {@code null} and reads
	 * numbers into the smallest type that holds them.
	 */
	private static void assertSameJson(@Nullable Object actual, @Nullable Object expected) {
		assertThat(write(actual)).isEqualTo(write(withoutNullMembers(expected)));
	}

	private static @Nullable Object withoutNullMembers(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			map.forEach((name, member) -> {
				if (member != null) {
					copy.put(name, withoutNullMembers(member));
				}
			});
			return copy;
		}
		if (value instanceof List<?> list) {
			List<@Nullable Object> copy = new ArrayList<>();
			list.forEach(item -> copy.add(withoutNullMembers(item)));
			return copy;
		}
		return value;
	}

	private static String cut(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "... (" + text.length() + " characters)" : text;
	}

	/**
	 * Numbers of every magnitude and precision; with {@code overLimit}, also ones longer than Jackson's
	 * 1,000 characters, which make a body malformed.
	 */
	private static List<String> exoticNumbers(boolean overLimit) {
		List<String> numbers = new ArrayList<>(exoticNumbersWithinLimits());
		if (overLimit) {
			numbers.add("9".repeat(1001));
			numbers.add("0." + "0".repeat(1000) + "1");
		}
		return numbers;
	}

	private static List<String> exoticNumbersWithinLimits() {
		// 1e9999999 is the worst: BigInteger can hold it, and expanding it into digits takes seconds.
		return List.of("1e9999999", "-1e9999999", "1e-9999999", "1e999999999", "-1e999999999", "1E+2147483647", "1e-999999999", "-1e-999999999",
				"0e999999999", "0E-2147483647", "-0", "-0.0", "1e-10", "-1e-10", "123456789.123456789e9",
				"9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e19", "1e18", "31556889864403199",
				"31556889864403200", "-31557014167219201", "9".repeat(999), "0." + "0".repeat(997) + "1",
				"1.5e300", "2147483648", "-2147483649", "4294967297");
	}

	// ---------------------------------------------------------------------------------------------
	// Generators

	@Provide
	Arbitrary<String> fixtures() {
		return Arbitraries.of(FIXTURES);
	}

	@Provide
	Arbitrary<String> knownPaths() {
		return Arbitraries.of(KNOWN_PATHS);
	}

	@Provide
	Arbitrary<Object> replacements() {
		return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(ABSENT)), Tuple.of(1, Arbitraries.just(null)),
				Tuple.of(8, jsonValues()));
	}

	/** Any JSON value, as the Java objects a mapper reads and writes. */
	Arbitrary<Object> jsonValues() {
		return jsonValues(false);
	}

	/** Any JSON value; with {@code overLimit}, also numbers too long for Jackson. */
	Arbitrary<Object> jsonValues(boolean overLimit) {
		return Arbitraries.recursive(() -> jsonScalars(overLimit),
				inner -> Arbitraries.oneOf(inner.injectNull(0.1).list().ofMaxSize(3).map(list -> (Object) list),
						Arbitraries.maps(memberNames(), inner.injectNull(0.1)).ofMaxSize(3).map(map -> (Object) map)),
				0, 3);
	}

	Arbitrary<Object> jsonScalars(boolean overLimit) {
		return Arbitraries.oneOf(Arbitraries.of(true, false), Arbitraries.integers(), Arbitraries.longs(),
				Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)),
				Arbitraries.bigDecimals().between(new BigDecimal("-1e12"), new BigDecimal("1e12")).ofScale(6),
				Arbitraries.of(exoticNumbers(overLimit)).map(BigDecimal::new), texts(), Arbitraries.of("", " ", "null", "1529006854",
						"1529692199.626182", "permanent", "delivered", "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0"));
	}

	Arbitrary<String> texts() {
		return Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.strings().all().ofMaxLength(40)),
				Tuple.of(10, Arbitraries.strings().alpha().numeric().withChars("-_.@<> ").ofMaxLength(40)),
				Tuple.of(1, Arbitraries.integers().between(1, 10).map(n -> "x".repeat(n * 30_000))));
	}

	Arbitrary<String> memberNames() {
		return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(12),
				Arbitraries.of("event", "timestamp", "signature", "token", "id", "message", "headers", "code", ""));
	}

	@Provide
	Arbitrary<Object> integerCandidates() {
		return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.longs(),
				Arbitraries.bigIntegers().between(BigInteger.TEN.pow(25).negate(), BigInteger.TEN.pow(25)),
				Arbitraries.bigDecimals().between(new BigDecimal("-1e12"), new BigDecimal("1e12")).ofScale(2),
				Arbitraries.of(exoticNumbers(false)).map(BigDecimal::new),
				Arbitraries.of(new BigDecimal("250.0"), new BigDecimal("250.5"), new BigDecimal("2.5E+2"),
						new BigDecimal("2147483647"), new BigDecimal("2147483648"), new BigDecimal("-2147483648.000")),
				Arbitraries.of("250", " 250 ", "250.0", "0x10", "1e3", "", "-2147483649", "2147483647"),
				Arbitraries.of(true, false, List.of(250), Map.of("code", 250)));
	}

	@Provide
	Arbitrary<Map<String, Object>> extraFields() {
		// Names that no fixture uses, so they add to the body rather than replace a field.
		Arbitrary<String> names = Arbitraries.strings().all().ofMaxLength(12).map(name -> "x-extra-" + name);
		return Arbitraries.maps(names, jsonValues().injectNull(0.1)).ofMaxSize(5);
	}

	@Provide
	Arbitrary<String> eventNames() {
		return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(30),
				Arbitraries.of(EventType.values())
					.filter(type -> type != EventType.UNKNOWN)
					.map(type -> type.wireName().toUpperCase()),
				Arbitraries.of("", " ", "\t", "\u00a0", "\u2003", "delivered ", " opened", "DELİVERED", "ﬁled",
						"list_uploaded", "accepted\u0000", "💥", "\uD800"));
	}

	@Provide
	Arbitrary<String> bodies() {
		String valid = Fixtures.read("delivered.json");
		Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(300);
		Arbitrary<String> jsonSoup = Arbitraries.strings().withChars("{}[]\":,0123456789.eE+-truefalsn \\u")
			.ofMaxLength(200);
		Arbitrary<String> jsonTrees = jsonValues(true).map(WebhookParserPropertiesTests::write);
		Arbitrary<String> truncated = Combinators.combine(fixtures(), Arbitraries.integers().between(0, 2000))
			.as((fixture, cut) -> {
				String text = Fixtures.read(fixture);
				return text.substring(0, Math.min(cut, text.length()));
			});
		Arbitrary<String> oneCharChanged = Combinators
			.combine(Arbitraries.integers().between(0, valid.length() - 1), Arbitraries.chars(),
					Arbitraries.integers().between(0, 2))
			.as((at, c, how) -> switch (how) {
				case 0 -> valid.substring(0, at) + c + valid.substring(at);
				case 1 -> valid.substring(0, at) + valid.substring(at + 1);
				default -> valid.substring(0, at) + c + valid.substring(at + 1);
			});
		Arbitrary<String> nested = Combinators
			.combine(Arbitraries.integers().between(1, 3000), Arbitraries.of("[", "{\"a\":", "{\"event-data\":"),
					Arbitraries.of(true, false))
			.as((depth, open, closed) -> {
				String close = open.equals("[") ? "]" : "}";
				String inner = open.repeat(depth) + "1" + (closed ? close.repeat(depth) : "");
				return "{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"s\"},\"event-data\":{\"event\":\"x\",\"deep\":"
						+ inner + "}}";
			});
		Arbitrary<String> huge = Combinators
			.combine(Arbitraries.of("\"subject\": \"Test Subject\"", "\"Gmail\"", "\"recipient\": \"john@example.com\""),
					Arbitraries.integers().between(1, 4), Arbitraries.of("x", "é", "\"", "\\", "😀"))
			.as((target, megabytes, c) -> {
				String value = c.repeat(megabytes * 250_000);
				String replacement = target.startsWith("\"subject") ? "\"subject\": \"" + value + "\""
						: target.startsWith("\"recipient") ? "\"" + value + "\": \"john@example.com\"" : "\"" + value + "\"";
				return valid.replace(target, replacement);
			});
		Arbitrary<String> longNames = Arbitraries.integers().between(40_000, 60_000)
			.map(length -> valid.replace("\"log-level\"", "\"" + "n".repeat(length) + "\""));
		Arbitrary<String> numbers = Combinators
			.combine(Arbitraries.of(exoticNumbers(true)), Arbitraries.of("1529692199.626182", "250", "1", "\"1529006854\""))
			.as((number, target) -> valid.replace(target, number));
		return Arbitraries.frequencyOf(Tuple.of(3, anyText), Tuple.of(3, jsonSoup), Tuple.of(3, jsonTrees),
				Tuple.of(3, truncated), Tuple.of(3, oneCharChanged), Tuple.of(2, nested), Tuple.of(1, huge),
				Tuple.of(1, longNames), Tuple.of(2, numbers));
	}

	@Provide
	Arbitrary<byte[]> byteBodies() {
		byte[] valid = Fixtures.read("accepted.json").getBytes(StandardCharsets.UTF_8);
		Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
		Arbitrary<byte[]> flipped = Combinators
			.combine(Arbitraries.integers().between(0, valid.length - 1), Arbitraries.bytes())
			.as((at, b) -> {
				byte[] copy = valid.clone();
				copy[at] = b;
				return copy;
			});
		Arbitrary<byte[]> prefixed = Arbitraries.of(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
				new byte[] { (byte) 0xFE, (byte) 0xFF }, new byte[] { (byte) 0xFF, (byte) 0xFE }, new byte[] { 0 },
				new byte[] { (byte) 0xC0, (byte) 0x80 })
			.map(prefix -> {
				byte[] copy = new byte[prefix.length + valid.length];
				System.arraycopy(prefix, 0, copy, 0, prefix.length);
				System.arraycopy(valid, 0, copy, prefix.length, valid.length);
				return copy;
			});
		return Arbitraries.oneOf(random, flipped, prefixed);
	}

	@Provide
	Arbitrary<String> formBodies() {
		String valid = Fixtures.read("legacy-delivered.form");
		Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(300);
		Arbitrary<String> formSoup = Arbitraries.strings()
			.withChars("=&%+;0123456789ABCDEFabcdefzZ-_.tokensigmatureimp\u00e9\uD83D\uDE00")
			.ofMaxLength(200);
		Arbitrary<String> signed = formSoup.map(extra -> "timestamp=1&token=t&signature=s&" + extra);
		Arbitrary<String> oneCharChanged = Combinators
			.combine(Arbitraries.integers().between(0, valid.length() - 1), Arbitraries.of('%', '&', '=', '+', 'z', '\u0000'))
			.as((at, c) -> valid.substring(0, at) + c + valid.substring(at));
		Arbitrary<String> badEscapes = Arbitraries.of("%", "%4", "%zz", "%E9", "%C3%28", "%ED%A0%80", "%F4%90%80%80",
				"%00", "%%", "%u00e9")
			.map(escape -> valid.replace("my-var=c", "my-var=" + escape));
		return Arbitraries.oneOf(anyText, formSoup, signed, oneCharChanged, badEscapes);
	}

	@Provide
	Arbitrary<List<Tuple2<String, String>>> formPairs() {
		Arbitrary<String> names = wellFormedText().filter(
				name -> !Set.of("timestamp", "token", "signature", "parent-signature").contains(name));
		return Combinators.combine(names, wellFormedText()).as(Tuple::of).list().ofMaxSize(8);
	}

	/** Text that survives UTF-8 (no lone surrogates), as form values always are. */
	Arbitrary<String> wellFormedText() {
		return Arbitraries.strings()
			.all()
			.ofMaxLength(20)
			.filter(text -> new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(text));
	}

	@Provide
	Arbitrary<String> visibleText() {
		return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(64);
	}

	@Provide
	Arbitrary<Integer> signatureSlot() {
		return Arbitraries.integers().between(0, 8);
	}

	@Provide
	Arbitrary<Map<String, List<String>>> decodedFields() {
		Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("timestamp", "token", "signature", "parent-signature"),
				Arbitraries.strings().all().ofMaxLength(10));
		Arbitrary<List<String>> values = Arbitraries.strings().all().ofMaxLength(10).injectNull(0.1).list().ofMaxSize(3)
			.injectNull(0.1);
		Arbitrary<Map<String, List<String>>> random = Arbitraries.maps(names.injectNull(0.05), values).ofMaxSize(6);
		// Half of them carry the three signature fields, once each, so that many are webhooks.
		Arbitrary<Map<String, List<String>>> signed = Combinators.combine(random, visibleText(), visibleText(),
				visibleText()).as((map, timestamp, token, signature) -> {
					Map<String, List<String>> copy = new LinkedHashMap<>(map);
					copy.put("timestamp", List.of(timestamp));
					copy.put("token", List.of(token));
					copy.put("signature", List.of(signature));
					return copy;
				});
		return Arbitraries.oneOf(random, signed).map(map -> {
			// A HashMap, unlike Map.of, holds a null key and null lists, as some decoders produce.
			Map<String, List<String>> copy = new java.util.HashMap<>();
			map.forEach((name, list) -> copy.put(name, (list != null) ? Collections.unmodifiableList(list) : null));
			return copy;
		});
	}

	@Provide
	Arbitrary<String> timestamps() {
		return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(20),
				Arbitraries.strings().numeric().ofMaxLength(25),
				Arbitraries.longs().between(NOW - 40_000, NOW + 400).map(n -> Long.toString(n)),
				Arbitraries.of("", "-1", "+1529006854", " 1529006854", "1529006854 ", "1529006854.5", "0", "000000000000",
						"999999999999", "9999999999999", "9223372036854775808", "١٥٢٩٠٠٦٨٥٤", "１５２９００６８５４", "1e9"));
	}

	@Provide
	Arbitrary<String> tokens() {
		return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40), validTokens(),
				Arbitraries.strings().withCharRange('!', '~').ofLength(257), Arbitraries.of("", " ", "t\u0000", "tök", "t\n"));
	}

	@Provide
	Arbitrary<String> validTokens() {
		return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(256);
	}

	@Provide
	Arbitrary<String> signatures() {
		return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(80),
				Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(62).ofMaxLength(66),
				Arbitraries.strings().withChars("0123456789abcdefg ").ofLength(64),
				Arbitraries.strings().all().ofLength(64), Arbitraries.of("", "0x" + "0".repeat(62), "-".repeat(64)));
	}

	@Provide
	Arbitrary<String> parentSignatures() {
		return signatures().injectNull(0.3);
	}

	@Provide
	Arbitrary<Long> ages() {
		// From the largest skew ahead to the oldest accepted age, as the default verifier allows.
		return Arbitraries.longs()
			.between(-WebhookSignatureVerifier.DEFAULT_MAX_FUTURE_SKEW.getSeconds(),
					WebhookSignatureVerifier.DEFAULT_MAX_AGE.getSeconds());
	}

	@Provide
	Arbitrary<Integer> digitPositions() {
		return Arbitraries.integers().between(0, 63);
	}

}
