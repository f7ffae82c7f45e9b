package io.github.springmailgun.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The filter of a route, parsed once when the route is stored: {@code match_recipient("pattern")},
 * {@code match_header("name", "pattern")} and {@code catch_all()}, alone or joined with {@code and}.
 * Strings take double or single quotes and are kept as written (a backslash keeps the next character
 * inside the string). Patterns are Python regular expressions, matched from the start of the value as
 * Python's {@code re.match} does ({@code lookingAt}); named groups {@code (?P<name>...)} are translated.
 * The mock ignores case in both recipient and header values, and in header names.
 */
final class RouteFilter {

	private final List<Condition> conditions;

	private RouteFilter(List<Condition> conditions) {
		this.conditions = List.copyOf(conditions);
	}

	/**
	 * Parses an expression.
	 * @param expression the expression as the API received it
	 * @return the filter
	 * @throws BadRequestException when the mock cannot read it
	 */
	static RouteFilter parse(String expression) {
		Parser parser = new Parser(expression);
		List<Condition> conditions = new ArrayList<>();
		conditions.add(parser.condition());
		while (parser.keyword("and")) {
			conditions.add(parser.condition());
		}
		parser.end();
		return new RouteFilter(conditions);
	}

	/**
	 * Returns whether a message matches every condition.
	 * @param recipient the recipient address
	 * @param headers the message's headers by lower-case name
	 * @return whether the route applies
	 */
	boolean matches(String recipient, Map<String, List<String>> headers) {
		return this.conditions.stream().allMatch((condition) -> condition.test(recipient, headers));
	}

	@FunctionalInterface
	private interface Condition {

		boolean test(String recipient, Map<String, List<String>> headers);

	}

	/** A small recursive-descent reader of Mailgun's filter syntax. */
	private static final class Parser {

		private final String text;

		private int position;

		Parser(String text) {
			this.text = text;
		}

		Condition condition() {
			String function = identifier();
			expect('(');
			Condition condition = switch (function) {
				case "match_recipient" -> {
					Pattern pattern = pattern(string());
					yield (recipient, headers) -> pattern.matcher(recipient).lookingAt();
				}
				case "match_header" -> {
					String name = string().toLowerCase(Locale.ROOT);
					expect(',');
					Pattern pattern = pattern(string());
					yield (recipient, headers) -> headers.getOrDefault(name, List.of())
						.stream()
						.anyMatch((value) -> pattern.matcher(value).lookingAt());
				}
				case "catch_all" -> (recipient, headers) -> true;
				default -> throw invalid("unknown filter '" + function
						+ "' (the mock reads match_recipient, match_header and catch_all, joined with 'and')");
			};
			expect(')');
			return condition;
		}

		boolean keyword(String keyword) {
			skipSpaces();
			int end = this.position + keyword.length();
			if (this.text.startsWith(keyword, this.position)
					&& (end == this.text.length() || !Character.isLetterOrDigit(this.text.charAt(end)))) {
				this.position = end;
				return true;
			}
			return false;
		}

		void end() {
			skipSpaces();
			if (this.position < this.text.length()) {
				throw invalid("unexpected '" + this.text.substring(this.position) + "'");
			}
		}

		private String identifier() {
			skipSpaces();
			int start = this.position;
			while (this.position < this.text.length()
					&& (Character.isLetter(this.text.charAt(this.position)) || this.text.charAt(this.position) == '_')) {
				this.position++;
			}
			if (start == this.position) {
				throw invalid("expected a filter at position " + start);
			}
			return this.text.substring(start, this.position);
		}

		private String string() {
			skipSpaces();
			char quote = (this.position < this.text.length()) ? this.text.charAt(this.position) : 0;
			if (quote != '"' && quote != '\'') {
				throw invalid("expected a quoted string at position " + this.position);
			}
			StringBuilder value = new StringBuilder();
			for (int i = this.position + 1; i < this.text.length(); i++) {
				char c = this.text.charAt(i);
				if (c == quote) {
					this.position = i + 1;
					return value.toString();
				}
				value.append(c);
				if (c == '\\' && i + 1 < this.text.length()) {
					value.append(this.text.charAt(++i));
				}
			}
			throw invalid("unterminated string");
		}

		private void expect(char c) {
			skipSpaces();
			if (this.position >= this.text.length() || this.text.charAt(this.position) != c) {
				throw invalid("expected '" + c + "' at position " + this.position);
			}
			this.position++;
		}

		private void skipSpaces() {
			while (this.position < this.text.length() && Character.isWhitespace(this.text.charAt(this.position))) {
				this.position++;
			}
		}

		private static Pattern pattern(String python) {
			String java = python.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
			try {
				return Pattern.compile(java, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
			}
			catch (PatternSyntaxException ex) {
				throw new BadRequestException("Invalid expression: pattern '" + Texts.abbreviate(python)
						+ "' is not a regular expression the mock can read (" + ex.getDescription() + ")");
			}
		}

		private BadRequestException invalid(String why) {
			return new BadRequestException("Invalid expression '" + Texts.abbreviate(this.text) + "': " + why);
		}

	}

}
