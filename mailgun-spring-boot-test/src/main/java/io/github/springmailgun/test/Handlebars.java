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
	private static final int MAX_DEPTH = 64;

	/** Bounds the output of a template looping over large variables. */
	private static final int MAX_OUTPUT = 10 * 1024 * 1024;

	private static final Set<String> BLOCK_HELPERS = Set.of("if", "unless", "each", "with", "equal");

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
		return new Handlebars(new Parser(source).parse());
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

	private sealed interface Node permits Text, Value, Block {

	}

	private record Text(String text) implements Node {

	}

	private record Value(Path path, boolean escape) implements Node {

	}

	private record Block(String helper, List<Argument> args, List<Node> body, List<Node> inverse) implements Node {

	}

	/** A helper's argument: a path into the variables or a literal. */
	private sealed interface Argument permits Path, Literal {

		@Nullable Object resolve(Scope scope);

	}

	private record Literal(@Nullable Object value) implements Argument {

		@Override
		public @Nullable Object resolve(Scope scope) {
			return this.value;
		}

	}

	/**
	 * A path: {@code up} times {@code ../}, then a data variable ({@code @index}) or segments from the
	 * context ({@code this} has none).
	 */
	private record Path(int up, boolean data, List<String> segments) implements Argument {

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

	/** Reads the template text into nodes, checking that every block is closed by its own name. */
	private static final class Parser {

		private final String source;

		private final List<Frame> frames = new ArrayList<>();

		private int position;

		private boolean trimNext;

		private int line = 1;

		private int lineCountedTo;

		Parser(String source) {
			this.source = source;
		}

		List<Node> parse() {
			Frame top = new Frame("", List.of(), 0, false);
			this.frames.add(top);
			while (this.position < this.source.length()) {
				int open = this.source.indexOf("{{", this.position);
				if (open < 0) {
					addText(this.source.substring(this.position));
					break;
				}
				if (open > 0 && this.source.charAt(open - 1) == '\\') {
					// \{{ is a literal {{.
					addText(this.source.substring(this.position, open - 1) + "{{");
					this.position = open + 2;
					continue;
				}
				addText(this.source.substring(this.position, open));
				tag(open);
			}
			Frame last = current();
			if (last != top) {
				throw error("{{#" + last.closer + "}} opened at line " + last.line + " is never closed");
			}
			return top.body;
		}

		private void tag(int open) {
			int line = line(open);
			boolean triple = this.source.startsWith("{{{", open);
			String close = triple ? "}}}" : "}}";
			int contentStart = open + (triple ? 3 : 2);
			if (!triple && this.source.startsWith("{{!--", open)) {
				int end = this.source.indexOf("--}}", open + 5);
				if (end < 0) {
					throw error("comment at line " + line + " is never closed");
				}
				this.position = end + 4;
				return;
			}
			int end = this.source.indexOf(close, contentStart);
			if (end < 0) {
				throw error("expression at line " + line + " is never closed with " + close);
			}
			this.position = end + close.length();
			String content = this.source.substring(contentStart, end);
			if (content.startsWith("~")) {
				trimLastText();
				content = content.substring(1);
			}
			if (content.endsWith("~")) {
				this.trimNext = true;
				content = content.substring(0, content.length() - 1);
			}
			content = content.strip();
			if (content.startsWith("!")) {
				return;
			}
			if (triple) {
				current().target().add(new Value(single(content, line), false));
				return;
			}
			if (content.isEmpty()) {
				throw error("empty expression {{}} at line " + line);
			}
			char kind = content.charAt(0);
			switch (kind) {
				case '#' -> openBlock(content.substring(1).strip(), line, false);
				case '/' -> closeBlock(content.substring(1).strip(), line);
				case '^' -> {
					String name = content.substring(1).strip();
					if (name.isEmpty()) {
						elseBranch("", line);
					}
					else {
						openBlock("unless " + name, line, false);
						// {{^name}} is closed by {{/name}}.
						current().closer = name;
					}
				}
				case '&' -> current().target().add(new Value(single(content.substring(1).strip(), line), false));
				case '>' -> throw error("partials are not supported ({{" + content + "}} at line " + line + ")");
				default -> {
					if (content.equals("else") || content.startsWith("else ")) {
						elseBranch(content.substring(4).strip(), line);
					}
					else {
						current().target().add(new Value(single(content, line), true));
					}
				}
			}
		}

		private void openBlock(String content, int line, boolean chained) {
			if (this.frames.size() > MAX_DEPTH) {
				throw error("blocks are nested deeper than " + MAX_DEPTH + " at line " + line);
			}
			List<String> words = words(content, line);
			if (words.isEmpty()) {
				throw error("block without a helper name at line " + line);
			}
			String helper = words.get(0);
			List<Argument> args = new ArrayList<>();
			for (String word : words.subList(1, words.size())) {
				args.add(argument(word, line));
			}
			int expected = switch (helper) {
				case "equal" -> 2;
				case "if", "unless", "each", "with" -> 1;
				default -> 0;
			};
			if (!BLOCK_HELPERS.contains(helper)) {
				if (!args.isEmpty()) {
					throw error("unknown helper '" + helper + "' at line " + line);
				}
				args.add(path(helper, line));
			}
			else if (args.size() != expected) {
				throw error("{{#" + helper + "}} takes " + expected + " argument" + ((expected == 1) ? "" : "s")
						+ ", got " + args.size() + " at line " + line);
			}
			Frame frame = new Frame(helper, args, line, chained);
			current().target().add(frame.block());
			this.frames.add(frame);
		}

		private void elseBranch(String chain, int line) {
			Frame frame = current();
			if (this.frames.size() == 1) {
				throw error("{{else}} outside a block at line " + line);
			}
			if (frame.inElse) {
				throw error("second {{else}} in {{#" + frame.helper + "}} at line " + line);
			}
			frame.inElse = true;
			if (!chain.isEmpty()) {
				openBlock(chain, line, true);
			}
		}

		private void closeBlock(String name, int line) {
			while (true) {
				Frame frame = current();
				if (this.frames.size() == 1) {
					throw error("{{/" + name + "}} at line " + line + " closes no block");
				}
				if (!frame.chained && !frame.closer.equals(name)) {
					throw error("{{/" + name + "}} at line " + line + " closes {{#" + frame.closer + "}} opened at line "
							+ frame.line);
				}
				this.frames.remove(this.frames.size() - 1);
				if (!frame.chained) {
					return;
				}
			}
		}

		private Frame current() {
			return this.frames.get(this.frames.size() - 1);
		}

		private Path single(String content, int line) {
			List<String> words = words(content, line);
			if (words.size() != 1) {
				throw error("unknown helper '" + (words.isEmpty() ? "" : words.get(0)) + "' at line " + line);
			}
			return path(words.get(0), line);
		}

		private Argument argument(String word, int line) {
			char first = word.charAt(0);
			if (first == '"' || first == '\'') {
				return new Literal(word.substring(1, word.length() - 1));
			}
			if (word.equals("true") || word.equals("false")) {
				return new Literal(Boolean.valueOf(word));
			}
			if (word.equals("null") || word.equals("undefined")) {
				return new Literal(null);
			}
			if (word.matches("-?\\d+(\\.\\d+)?")) {
				return new Literal(word.contains(".") ? (Object) Double.valueOf(word) : (Object) Long.valueOf(word));
			}
			return path(word, line);
		}

		private Path path(String word, int line) {
			String rest = word;
			int up = 0;
			while (rest.startsWith("../")) {
				up++;
				rest = rest.substring(3);
			}
			boolean data = rest.startsWith("@");
			if (data) {
				rest = rest.substring(1);
			}
			List<String> segments = new ArrayList<>();
			for (String segment : rest.split("[./]", -1)) {
				if (segment.isEmpty() || segment.equals("this")) {
					if (!segments.isEmpty() || data) {
						throw error("invalid path '" + word + "' at line " + line);
					}
					continue;
				}
				if (!segment.matches("[^\\s!\"#%&'()*+,;<=>@\\[\\\\\\]^`{|}~]+")) {
					throw error("invalid path '" + word + "' at line " + line);
				}
				segments.add(segment);
			}
			if (data && segments.isEmpty()) {
				throw error("invalid path '" + word + "' at line " + line);
			}
			return new Path(up, data, List.copyOf(segments));
		}

		private List<String> words(String content, int line) {
			List<String> words = new ArrayList<>();
			int i = 0;
			while (i < content.length()) {
				char c = content.charAt(i);
				if (Character.isWhitespace(c)) {
					i++;
					continue;
				}
				if (c == '(' || c == '=') {
					throw error("subexpressions and hash arguments are not supported (line " + line + ")");
				}
				int start = i;
				if (c == '"' || c == '\'') {
					int end = content.indexOf(c, i + 1);
					if (end < 0) {
						throw error("unclosed string at line " + line);
					}
					i = end + 1;
				}
				else {
					while (i < content.length() && !Character.isWhitespace(content.charAt(i))) {
						if (content.charAt(i) == '=' || content.charAt(i) == '(') {
							throw error("subexpressions and hash arguments are not supported (line " + line + ")");
						}
						i++;
					}
				}
				words.add(content.substring(start, i));
			}
			return words;
		}

		private void addText(String text) {
			String kept = text;
			if (this.trimNext) {
				kept = kept.stripLeading();
				this.trimNext = false;
			}
			if (!kept.isEmpty()) {
				current().target().add(new Text(kept));
			}
		}

		private void trimLastText() {
			List<Node> target = current().target();
			if (!target.isEmpty() && target.get(target.size() - 1) instanceof Text text) {
				String kept = text.text().stripTrailing();
				target.remove(target.size() - 1);
				if (!kept.isEmpty()) {
					target.add(new Text(kept));
				}
			}
		}

		/** Counts lines from the last tag on: offsets only grow, so the whole text is read once. */
		private int line(int offset) {
			for (int i = this.lineCountedTo; i < offset; i++) {
				if (this.source.charAt(i) == '\n') {
					this.line++;
				}
			}
			this.lineCountedTo = Math.max(this.lineCountedTo, offset);
			return this.line;
		}

		private static SyntaxException error(String message) {
			return new SyntaxException(message);
		}

	}

	/** A block being read: its body, then its inverse after {@code {{else}}}. */
	private static final class Frame {

		final String helper;

		final List<Argument> args;

		final int line;

		/** Opened by {@code {{else if ...}}}: closed together with the block it continues. */
		final boolean chained;

		final List<Node> body = new ArrayList<>();

		final List<Node> inverse = new ArrayList<>();

		boolean inElse;

		/** The name that closes the block: the helper's, or the variable's of {@code {{^name}}}. */
		String closer;

		Frame(String helper, List<Argument> args, int line, boolean chained) {
			this.helper = helper;
			this.closer = helper;
			this.args = List.copyOf(args);
			this.line = line;
			this.chained = chained;
		}

		List<Node> target() {
			return this.inElse ? this.inverse : this.body;
		}

		Block block() {
			// The lists are filled while parsing continues; the block shares them.
			return new Block(this.helper, this.args, this.body, this.inverse);
		}

	}

}
