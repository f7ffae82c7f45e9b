package io.github.springmailgun.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The subset of Handlebars that Mailgun documents for stored templates, compiled once and rendered with
 * the variables of each send: {@code {{var}}} (HTML-escaped), {@code {{{var}}}} and {@code {{&var}}} (raw),
 * dotted paths ({@code {{user.name}}}, {@code this}, {@code ../name}, {@code @index}, {@code @key},
 * {@code @first}, {@code @last}), blocks {@code #if}, {@code #unless}, {@code #each}, {@code #with} and
 * Mailgun's {@code #equal a "b"}, each with {@code {{else}}} (also {@code {{else if ...}}}), comments and
 * {@code ~} whitespace control. A block named after a variable without arguments is a Mustache section.
 *
 * <p>
 * Everything else (partials, subexpressions, inline or unknown helpers) is a syntax error at compile
 * time, so a template the mock could not render is refused when it is stored rather than when a message
 * is sent. Whitespace around block tags is kept as written (Handlebars drops lines holding only a block
 * tag). Missing values render as nothing; {@code false}, {@code null}, {@code ""}, {@code 0} and empty
 * lists or objects are false. The five characters {@code & < > " '} are escaped. Immutable and thread-safe.
 */
final class Handlebars {

	/** Deeper nesting than any real template, and a guard for the recursion of rendering. */
	static final int MAX_DEPTH = 64;

	/** Bounds the output of a template looping over large variables. */
	private static final int MAX_OUTPUT = 10 * 1024 * 1024;

	static final Set<String> BLOCK_HELPERS = Set.of("if", "unless", "each", "with", "equal");

	private final List<Node> nodes;

	private Handlebars(List<Node> nodes) {
		this.nodes = nodes;
	}

	/**
	 * Compiles a template.
	 * @param source the template text
	 * @return the compiled template
	 * @throws SyntaxException when the text is not a template of the supported subset
	 */
	static Handlebars compile(String source) {
		return new Handlebars(new HandlebarsParser(source).parse());
	}

	/**
	 * Renders the template.
	 * @param variables the root context, such as the parsed {@code t:variables}
	 * @return the text
	 * @throws SyntaxException when the output grows past 10 MB
	 */
	String render(Map<String, ?> variables) {
		StringBuilder out = new StringBuilder();
		Scope root = new Scope(variables, null, Map.of());
		renderAll(this.nodes, root, out);
		return out.toString();
	}

	private static void renderAll(List<Node> nodes, Scope scope, StringBuilder out) {
		for (Node node : nodes) {
			if (node instanceof Text text) {
				out.append(text.text());
			}
			else if (node instanceof Value value) {
				String shown = string(value.path().resolve(scope));
				out.append(value.escape() ? escape(shown) : shown);
			}
			else {
				renderBlock((Block) node, scope, out);
			}
			if (out.length() > MAX_OUTPUT) {
				throw new SyntaxException("the rendered template is larger than " + MAX_OUTPUT + " characters");
			}
		}
	}

	private static void renderBlock(Block block, Scope scope, StringBuilder out) {
		Object first = block.args().isEmpty() ? null : block.args().get(0).resolve(scope);
		switch (block.helper()) {
			case "if" -> renderAll(truthy(first) ? block.body() : block.inverse(), scope, out);
			case "unless" -> renderAll(truthy(first) ? block.inverse() : block.body(), scope, out);
			case "equal" -> renderAll(string(first).equals(string(block.args().get(1).resolve(scope))) ? block.body()
					: block.inverse(), scope, out);
			case "with" -> {
				if (truthy(first)) {
					renderAll(block.body(), new Scope(first, scope, Map.of()), out);
				}
				else {
					renderAll(block.inverse(), scope, out);
				}
			}
			case "each" -> each(block, first, scope, out);
			default -> {
				// A Mustache section: a list repeats, an object becomes the context, true renders once.
				if (first instanceof List<?>) {
					each(block, first, scope, out);
				}
				else if (first instanceof Map<?, ?> && truthy(first)) {
					renderAll(block.body(), new Scope(first, scope, Map.of()), out);
				}
				else {
					renderAll(truthy(first) ? block.body() : block.inverse(), scope, out);
				}
			}
		}
	}

	private static void each(Block block, @Nullable Object items, Scope scope, StringBuilder out) {
		if (!truthy(items)) {
			renderAll(block.inverse(), scope, out);
			return;
		}
		if (items instanceof Map<?, ?> map) {
			int index = 0;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				renderAll(block.body(), new Scope(entry.getValue(), scope,
						data(index, map.size(), String.valueOf(entry.getKey()))), out);
				index++;
			}
		}
		else if (items instanceof List<?> list) {
			for (int index = 0; index < list.size(); index++) {
				renderAll(block.body(), new Scope(list.get(index), scope, data(index, list.size(), null)), out);
			}
		}
		else {
			renderAll(block.body(), new Scope(items, scope, Map.of()), out);
		}
	}

	private static Map<String, Object> data(int index, int size, @Nullable String key) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("index", index);
		data.put("first", index == 0);
		data.put("last", index == size - 1);
		if (key != null) {
			data.put("key", key);
		}
		return data;
	}

	static boolean truthy(@Nullable Object value) {
		if (value == null || Boolean.FALSE.equals(value) || "".equals(value)) {
			return false;
		}
		if (value instanceof Number number) {
			return number.doubleValue() != 0;
		}
		if (value instanceof List<?> list) {
			return !list.isEmpty();
		}
		return !(value instanceof Map<?, ?> map) || !map.isEmpty();
	}

	/** A value as text: numbers without a needless {@code .0}, lists as their items one after another. */
	static String string(@Nullable Object value) {
		if (value == null || value instanceof Map<?, ?>) {
			return "";
		}
		if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			return (number == Math.rint(number) && !Double.isInfinite(number) && Math.abs(number) < 1e15)
					? Long.toString((long) number) : Double.toString(number);
		}
		if (value instanceof List<?> list) {
			StringBuilder text = new StringBuilder();
			list.forEach((item) -> text.append(string(item)));
			return text.toString();
		}
		return value.toString();
	}

	static String escape(String text) {
		StringBuilder out = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String replacement = switch (c) {
				case '&' -> "&amp;";
				case '<' -> "&lt;";
				case '>' -> "&gt;";
				case '"' -> "&quot;";
				case '\'' -> "&apos;";
				default -> null;
			};
			if (replacement != null && out == null) {
				out = new StringBuilder(text.length() + 16).append(text, 0, i);
			}
			if (out != null) {
				if (replacement != null) {
					out.append(replacement);
				}
				else {
					out.append(c);
				}
			}
		}
		return (out != null) ? out.toString() : text;
	}

	/**
	 * A template outside the supported subset, or one whose output is too large.
	 */
	static final class SyntaxException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		SyntaxException(String message) {
			super(message, null, false, false);
		}

	}

	sealed interface Node permits Text, Value, Block {

	}

	record Text(String text) implements Node {

	}

	record Value(Path path, boolean escape) implements Node {

	}

	record Block(String helper, List<Argument> args, List<Node> body, List<Node> inverse) implements Node {

	}

	/** A helper's argument: a path into the variables or a literal. */
	sealed interface Argument permits Path, Literal {

		@Nullable Object resolve(Scope scope);

	}

	record Literal(@Nullable Object value) implements Argument {

		@Override
		public @Nullable Object resolve(Scope scope) {
			return this.value;
		}

	}

	/**
	 * A path: {@code up} times {@code ../}, then a data variable ({@code @index}) or segments from the
	 * context ({@code this} has none).
	 */
	record Path(int up, boolean data, List<String> segments) implements Argument {

		@Override
		public @Nullable Object resolve(Scope scope) {
			Scope from = scope;
			for (int i = 0; i < this.up && from.parent() != null; i++) {
				from = from.parent();
			}
			Object value;
			int start = 0;
			if (this.data) {
				value = this.segments.get(0).equals("root") ? root(from).value() : data(from, this.segments.get(0));
				start = 1;
			}
			else {
				value = from.value();
			}
			for (int i = start; i < this.segments.size() && value != null; i++) {
				value = child(value, this.segments.get(i));
			}
			return value;
		}

		private static Scope root(Scope scope) {
			Scope root = scope;
			while (root.parent() != null) {
				root = root.parent();
			}
			return root;
		}

		/** Data variables belong to the nearest loop. */
		private static @Nullable Object data(Scope scope, String name) {
			for (Scope at = scope; at != null; at = at.parent()) {
				if (at.data().containsKey(name)) {
					return at.data().get(name);
				}
			}
			return null;
		}

		private static @Nullable Object child(Object value, String segment) {
			if (value instanceof Map<?, ?> map) {
				return map.get(segment);
			}
			if (value instanceof List<?> list && !segment.isEmpty() && segment.chars().allMatch(Character::isDigit)
					&& segment.length() < 10) {
				int index = Integer.parseInt(segment);
				return (index < list.size()) ? list.get(index) : null;
			}
			return null;
		}

	}

	private record Scope(@Nullable Object value, @Nullable Scope parent, Map<String, Object> data) {

	}

}
