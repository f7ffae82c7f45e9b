package io.github.springmailgun.message;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link JsonText} writes plain data itself and everything else through Jackson; either way the text must
 * be exactly what Jackson writes, since Mailgun receives it.
 */
class JsonTextTests {

	private static final JsonMapper JACKSON = JsonMapper.builder().build();

	@Provide
	Arbitrary<Object> values() {
		return value(3);
	}

	private Arbitrary<Object> value(int depth) {
		Arbitrary<Object> leaf = Arbitraries.oneOf(
				Arbitraries.strings().all().ofMaxLength(12).map(Object.class::cast),
				Arbitraries.strings().alpha().numeric().withChars(" -@.é中😀\"\\\n\t\u0000\u007f").ofMaxLength(16)
					.map(Object.class::cast),
				Arbitraries.integers().map(Object.class::cast), Arbitraries.longs().map(Object.class::cast),
				Arbitraries.shorts().map(Object.class::cast), Arbitraries.bytes().map(Object.class::cast),
				Arbitraries.of(true, false).map(Object.class::cast),
				Arbitraries.doubles().map(Object.class::cast), Arbitraries.bigDecimals().map(Object.class::cast),
				Arbitraries.of(LocalDate.of(2026, 11, 28)).map(Object.class::cast));
		if (depth == 0) {
			return leaf.injectNull(0.05);
		}
		Arbitrary<Object> maps = Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(8), value(depth - 1))
			.ofMaxSize(4)
			.map(map -> (Object) new LinkedHashMap<>(map));
		Arbitrary<Object> lists = value(depth - 1).list().ofMaxSize(4).map(list -> (Object) new ArrayList<>(list));
		Arbitrary<Object> otherKeys = Arbitraries.maps(Arbitraries.integers(), value(depth - 1))
			.ofMaxSize(3)
			.map(map -> (Object) new HashMap<>(map));
		return Arbitraries.oneOf(leaf, maps, lists, otherKeys).injectNull(0.05);
	}

	@Property(tries = 1000)
	void writesWhatJacksonWrites(@ForAll("values") Object value) {
		// Compared as the UTF-8 that goes on the wire: a lone surrogate becomes '?' either way.
		assertThat(JsonText.write("v:x", value).getBytes(StandardCharsets.UTF_8))
			.isEqualTo(JACKSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
	}

	@Property(tries = 300)
	void plainValuesAreWrittenWithoutJackson(@ForAll("values") Object value) {
		if (JsonText.isPlain(value)) {
			// Plain means writing cannot fail, whatever the data: the batch relies on it to build requests late.
			assertThat(JsonText.write("recipient-variables", value).getBytes(StandardCharsets.UTF_8))
				.isEqualTo(JACKSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
		}
	}

	@Property(tries = 1000)
	void chunkVariablesAreWhatWritingTheirMapGives(@ForAll("values") Object first, @ForAll("values") Object second) {
		Map<String, Object> one = new LinkedHashMap<>();
		one.put("value", first);
		one.put("name", "Zoë");
		Map<String, Object> two = new LinkedHashMap<>();
		two.put("value", second);
		List<BatchRecipient> chunk = List.of(BatchRecipient.of("Zoë <zoe@example.com>", one),
				BatchRecipient.of("user+1@example.com", two));
		if (chunk.stream().allMatch(recipient -> JsonText.isPlain(recipient.variables()))) {
			Map<String, Object> all = new LinkedHashMap<>();
			all.put("zoe@example.com", one);
			all.put("user+1@example.com", two);
			// Compared as the UTF-8 that goes on the wire: a lone surrogate becomes '?' either way.
			assertThat(JsonText.recipientVariables(chunk).getBytes(StandardCharsets.UTF_8))
				.isEqualTo(JACKSON.writeValueAsString(all).getBytes(StandardCharsets.UTF_8));
		}
	}

	@Test
	void recipientVariablesOfABatchRecipient() {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("first", "Zoë");
		variables.put("id", 42);
		variables.put("vip", true);
		variables.put("tags", List.of("a", "b"));
		variables.put("none", null);
		Map<String, Object> all = Map.of("zoe@example.com", variables);
		assertThat(JsonText.write("recipient-variables", all))
			.isEqualTo("{\"zoe@example.com\":{\"first\":\"Zoë\",\"id\":42,\"vip\":true,\"tags\":[\"a\",\"b\"],\"none\":null}}");
		assertThat(JsonText.isPlain(all)).isTrue();
	}

	@Test
	void whatNeedsEscapingOrIsNotPlainDataGoesToJackson() {
		assertThat(JsonText.write("v:x", "say \"hi\"\n")).isEqualTo("\"say \\\"hi\\\"\\n\"");
		assertThat(JsonText.write("v:x", Map.of("price", new BigDecimal("9.90")))).isEqualTo("{\"price\":9.90}");
		assertThat(JsonText.write("v:x", Map.of(7, "seven"))).isEqualTo("{\"7\":\"seven\"}");
		assertThat(JsonText.isPlain(Map.of("price", 9.9))).isFalse();
		assertThat(JsonText.isPlain(Map.of("text", "a\"b"))).isFalse();
		assertThat(JsonText.isPlain(Map.of(7, "seven"))).isFalse();
		assertThat(JsonText.isPlain(Arrays.asList("a", null, 1L))).isTrue();
	}

	@Test
	void valueJacksonCannotWriteIsAValidationErrorNamingTheParameter() {
		assertThatExceptionOfType(MailgunValidationException.class)
			.isThrownBy(() -> JsonText.write("recipient-variables", Map.of("a@example.com", Map.of("x", new Unwritable("x")))))
			.satisfies(ex -> assertThat(ex.getParameter()).isEqualTo("recipient-variables"));
	}

	/** A value whose accessor fails, so Jackson cannot write it. */
	record Unwritable(String value) {

		@Override
		public String value() {
			throw new IllegalStateException("no value");
		}

	}

	@Test
	void deepNestingIsHandedToJackson() {
		Object value = "leaf";
		for (int i = 0; i < 40; i++) {
			value = List.of(value);
		}
		assertThat(JsonText.isPlain(value)).isFalse();
		assertThat(JsonText.write("v:x", value)).isEqualTo(JACKSON.writeValueAsString(value));
	}

}
