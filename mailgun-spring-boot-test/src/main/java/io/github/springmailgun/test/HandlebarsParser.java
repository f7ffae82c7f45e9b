package io.github.springmailgun.test;

import java.util.ArrayList;
import java.util.List;

import io.github.springmailgun.test.Handlebars.Argument;
import io.github.springmailgun.test.Handlebars.Block;
import io.github.springmailgun.test.Handlebars.Literal;
import io.github.springmailgun.test.Handlebars.Node;
import io.github.springmailgun.test.Handlebars.Path;
import io.github.springmailgun.test.Handlebars.SyntaxException;
import io.github.springmailgun.test.Handlebars.Text;
import io.github.springmailgun.test.Handlebars.Value;

/**
 * Reads the text of a {@link Handlebars} template into nodes, checking that every block is closed by its
 * own name and that only the supported subset is used.
 */
final class HandlebarsParser {

	private final String source;

	private final List<ParsedBlock> frames = new ArrayList<>();

	private int position;

	private boolean trimNext;

	private int line = 1;

	private int lineCountedTo;

	HandlebarsParser(String source) {
		this.source = source;
	}

	List<Node> parse() {
		ParsedBlock top = new ParsedBlock("", List.of(), 0, false);
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
		ParsedBlock last = current();
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
		if (this.frames.size() > Handlebars.MAX_DEPTH) {
			throw error("blocks are nested deeper than " + Handlebars.MAX_DEPTH + " at line " + line);
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
		if (!Handlebars.BLOCK_HELPERS.contains(helper)) {
			if (!args.isEmpty()) {
				throw error("unknown helper '" + helper + "' at line " + line);
			}
			args.add(path(helper, line));
		}
		else if (args.size() != expected) {
			throw error("{{#" + helper + "}} takes " + expected + " argument" + ((expected == 1) ? "" : "s")
					+ ", got " + args.size() + " at line " + line);
		}
		ParsedBlock frame = new ParsedBlock(helper, args, line, chained);
		current().target().add(frame.block());
		this.frames.add(frame);
	}

	private void elseBranch(String chain, int line) {
		ParsedBlock frame = current();
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
			ParsedBlock frame = current();
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

	private ParsedBlock current() {
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
