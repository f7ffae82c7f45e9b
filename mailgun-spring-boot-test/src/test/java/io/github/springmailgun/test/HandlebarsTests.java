package io.github.springmailgun.test;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The mock's Handlebars subset: each construct Mailgun documents, its escaping, and the syntax errors that
 * make the mock refuse a template when it is stored.
 */
class HandlebarsTests {

	private static String render(String template, Map<String, ?> variables) {
		return Handlebars.compile(template).render(variables);
	}

	@Test
	void variablesAreEscapedUnlessTripleOrAmpersand() {
		Map<String, Object> variables = Map.of("name", "<b>Tom & \"Jerry\"'s</b>");
		assertThat(render("Hi {{name}}!", variables))
			.isEqualTo("Hi &lt;b&gt;Tom &amp; &quot;Jerry&quot;&apos;s&lt;/b&gt;!");
		assertThat(render("{{{name}}}|{{& name}}", variables))
			.isEqualTo("<b>Tom & \"Jerry\"'s</b>|<b>Tom & \"Jerry\"'s</b>");
	}

	@Test
	void dottedPathsNumbersAndMissingValues() {
		Map<String, Object> variables = Map.of("user", Map.of("name", "Ann", "tags", List.of("a", "b")), "total",
				12.0, "ratio", 0.5);
		assertThat(render("{{user.name}} {{user/name}} {{user.tags.1}} {{total}} {{ratio}} [{{missing.deep}}]",
				variables))
			.isEqualTo("Ann Ann b 12 0.5 []");
	}

	@Test
	void ifElseUnlessAndElseIf() {
		String template = "{{#if vip}}VIP{{else if member}}member{{else}}guest{{/if}}"
				+ "{{#unless paid}} unpaid{{else}} paid{{/unless}}";
		assertThat(render(template, Map.of("vip", true, "paid", 1))).isEqualTo("VIP paid");
		assertThat(render(template, Map.of("member", "yes"))).isEqualTo("member unpaid");
		assertThat(render(template, Map.of("vip", List.of(), "member", 0, "paid", ""))).isEqualTo("guest unpaid");
	}

	@Test
	void eachOverListsAndObjects() {
		Map<String, Object> variables = Map.of("shop", "S", "items",
				List.of(Map.of("name", "pen", "qty", 2), Map.of("name", "ink", "qty", 1)), "words", List.of("x", "y"),
				"prices", Map.of("pen", 3));
		assertThat(render("{{#each items}}{{@index}}:{{name}}x{{qty}}@{{../shop}}{{#if @last}}.{{else}},{{/if}}{{/each}}",
				variables))
			.isEqualTo("0:penx2@S,1:inkx1@S.");
		assertThat(render("{{#each words}}[{{this}}{{#if @first}}!{{/if}}]{{/each}}", variables)).isEqualTo("[x!][y]");
		assertThat(render("{{#each prices}}{{@key}}={{.}}{{/each}}", variables)).isEqualTo("pen=3");
		assertThat(render("{{#each none}}x{{else}}empty{{/each}}", variables)).isEqualTo("empty");
	}

	@Test
	void equalComparesValuesAsText() {
		String template = "{{#equal plan \"gold\"}}gold{{else}}other{{/equal}} {{#equal count 3}}three{{/equal}}";
		assertThat(render(template, Map.of("plan", "gold", "count", 3))).isEqualTo("gold three");
		assertThat(render(template, Map.of("plan", "silver", "count", "3"))).isEqualTo("other three");
		assertThat(render("{{#equal a b}}same{{/equal}}", Map.of("a", "x", "b", "x"))).isEqualTo("same");
	}

	@Test
	void withSectionsCommentsWhitespaceControlAndEscapedBraces() {
		Map<String, Object> variables = Map.of("user", Map.of("name", "Ann"), "list", List.of(1, 2));
		assertThat(render("{{#with user}}{{name}}{{/with}}{{#with nobody}}x{{else}}-{{/with}}", variables))
			.isEqualTo("Ann-");
		assertThat(render("{{#user}}{{name}}{{/user}}{{#list}}{{this}}{{/list}}{{^nobody}}!{{/nobody}}", variables))
			.isEqualTo("Ann12!");
		assertThat(render("a{{! note }}b{{!-- {{not}} rendered --}}c", variables)).isEqualTo("abc");
		assertThat(render("<p>\n  {{~user.name~}}\n</p>", variables)).isEqualTo("<p>Ann</p>");
		assertThat(render("\\{{user.name}} {{user.name}}", variables)).isEqualTo("{{user.name}} Ann");
	}

	@Test
	void syntaxErrorsNameTheProblemAndTheLine() {
		assertThatExceptionOfType(Handlebars.SyntaxException.class)
			.isThrownBy(() -> Handlebars.compile("<p>\n{{#if a}}\nx"))
			.withMessage("{{#if}} opened at line 2 is never closed");
		assertThatExceptionOfType(Handlebars.SyntaxException.class)
			.isThrownBy(() -> Handlebars.compile("{{#if a}}{{/each}}"))
			.withMessage("{{/each}} at line 1 closes {{#if}} opened at line 1");
		assertThatExceptionOfType(Handlebars.SyntaxException.class).isThrownBy(() -> Handlebars.compile("{{name"))
			.withMessage("expression at line 1 is never closed with }}");
		assertThatExceptionOfType(Handlebars.SyntaxException.class)
			.isThrownBy(() -> Handlebars.compile("{{/if}}"))
			.withMessage("{{/if}} at line 1 closes no block");
		assertThatExceptionOfType(Handlebars.SyntaxException.class)
			.isThrownBy(() -> Handlebars.compile("{{#equal a}}x{{/equal}}"))
			.withMessage("{{#equal}} takes 2 arguments, got 1 at line 1");
		assertThatExceptionOfType(Handlebars.SyntaxException.class)
			.isThrownBy(() -> Handlebars.compile("{{uppercase name}}"))
			.withMessage("unknown helper 'uppercase' at line 1");
		assertThatExceptionOfType(Handlebars.SyntaxException.class).isThrownBy(() -> Handlebars.compile("{{> footer}}"))
			.withMessageStartingWith("partials are not supported");
		assertThatExceptionOfType(Handlebars.SyntaxException.class)
			.isThrownBy(() -> Handlebars.compile("{{#if (eq a b)}}x{{/if}}"))
			.withMessageStartingWith("subexpressions");
		assertThatExceptionOfType(Handlebars.SyntaxException.class).isThrownBy(() -> Handlebars.compile("{{else}}"))
			.withMessage("{{else}} outside a block at line 1");
	}

	@Test
	void deepNestingIsRefusedInsteadOfOverflowingTheStack() {
		String deep = "{{#if a}}".repeat(10_000);
		assertThatExceptionOfType(Handlebars.SyntaxException.class).isThrownBy(() -> Handlebars.compile(deep))
			.withMessageContaining("nested deeper than");
	}

	@Test
	void aLargeTemplateCompilesInLinearTime() {
		String large = "<p>{{name}}</p>\n".repeat(50_000);
		assertThat(Handlebars.compile(large).render(Map.of("name", "x"))).hasSize("<p>x</p>\n".length() * 50_000);
	}

}
