package io.github.springmailgun.internal;

import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Reads the enums whose constants stand for a Mailgun wire value, tolerantly: Mailgun's case varies
 * between APIs, and a value this client does not know must not be fatal.
 */
public final class WireValues {

	private WireValues() {
	}

	/**
	 * Returns the constant whose wire value is the given text, ignoring case and surrounding whitespace.
	 * @param <E> the enum type
	 * @param constants the constants to search, {@code values()}
	 * @param wireValue the wire value of a constant, in lower case
	 * @param text the text Mailgun sent, or {@code null}
	 * @return the constant, or {@code null} for {@code null} or a value no constant has
	 */
	public static <E extends Enum<E>> @Nullable E find(E[] constants, Function<E, String> wireValue,
			@Nullable String text) {
		if (text == null) {
			return null;
		}
		String lower = text.trim().toLowerCase(Locale.ROOT);
		for (E constant : constants) {
			if (wireValue.apply(constant).equals(lower)) {
				return constant;
			}
		}
		return null;
	}

}
