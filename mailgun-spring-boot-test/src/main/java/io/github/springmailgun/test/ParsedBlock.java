package io.github.springmailgun.test;

import java.util.ArrayList;
import java.util.List;

import io.github.springmailgun.test.Handlebars.Argument;
import io.github.springmailgun.test.Handlebars.Block;
import io.github.springmailgun.test.Handlebars.Node;

/**
 * A block of a {@link Handlebars} template while {@link HandlebarsParser} reads it: its body, then its
 * inverse after {@code {{else}}}.
 */
final class ParsedBlock {

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

	ParsedBlock(String helper, List<Argument> args, int line, boolean chained) {
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
