package io.github.springmailgun.test;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code stripped-text}, {@code stripped-signature} and {@code stripped-html} the mock computes as
 * Mailgun does, roughly: the reply without the quoted message and without the signature.
 */
class ReplyPartsTests {

	private static final String GMAIL_TEXT = """
			Thanks, that fixed it.

			Jane
			--\u0020
			Jane Doe | Example Corp
			+1 555 0100

			On Mon, 2 Mar 2026 at 10:15, Support <support@mg.example.com> wrote:

			> Hi Jane,
			>
			> Try turning it off and on again.
			>
			> > It broke.
			""";

	private static final String GMAIL_HTML = "<div dir=\"ltr\">Thanks, that fixed it.<br><br>Jane</div><br>"
			+ "<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">On Mon, 2 Mar 2026 at 10:15, Support "
			+ "&lt;<a href=\"mailto:support@mg.example.com\">support@mg.example.com</a>&gt; wrote:<br></div>"
			+ "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex\"><div>Hi Jane,</div>"
			+ "<div>Try turning it off and on again.</div><blockquote><div>It broke.</div></blockquote>"
			+ "</blockquote></div>\n";

	@Test
	void aGmailReplyIsPostedWithoutTheQuoteAndTheSignature() {
		MockInboundMessage reply = MockInboundMessage.builder("jane@example.com", "support@mg.example.com")
			.subject("Re: It broke")
			.text(GMAIL_TEXT)
			.html(GMAIL_HTML)
			.build();

		Map<String, String> fields = reply.parsedFields();

		assertThat(fields).containsEntry("body-plain", GMAIL_TEXT)
			.containsEntry("body-html", GMAIL_HTML)
			.containsEntry("stripped-text", "Thanks, that fixed it.\n\nJane")
			.containsEntry("stripped-signature", "Jane Doe | Example Corp\n+1 555 0100")
			.containsEntry("stripped-html", "<div dir=\"ltr\">Thanks, that fixed it.<br><br>Jane</div><br>");
	}

	@Test
	void aReplyWithoutQuoteOrSignatureIsItself() {
		assertThat(ReplyParts.strippedText("Hello,\r\nit works.\r\n\r\n")).isEqualTo("Hello,\nit works.");
		assertThat(ReplyParts.signature("Hello,\nit works.\n")).isEmpty();
		assertThat(ReplyParts.strippedHtml("<p>It works.</p>")).isEqualTo("<p>It works.</p>");
	}

	@Test
	void anAttributionWrappedOnTwoLinesIsRemovedWithTheQuote() {
		String text = "Done.\n\nOn Mon, 2 Mar 2026 at 10:15, Support Team of Example Corp <\nsupport@mg.example.com> wrote:\n> Hi\n";

		assertThat(ReplyParts.strippedText(text)).isEqualTo("Done.");
	}

	@Test
	void answersBetweenQuotedLinesAreKept() {
		String text = "On Mon, 2 Mar 2026, Support wrote:\n> What is your order number?\n42\n> And your postcode?\nSW1A 1AA\n";

		assertThat(ReplyParts.strippedText(text)).isEqualTo("42\nSW1A 1AA");
	}

	@Test
	void aLineThatOnlyStartsWithOnIsNotAnAttribution() {
		String text = "On Monday it broke again.\nIt still does.\n";

		assertThat(ReplyParts.strippedText(text)).isEqualTo("On Monday it broke again.\nIt still does.");
	}

	@Test
	void theLastSignatureSeparatorCounts() {
		String text = "Use a line with -- in it:\n--\nnot a separator\n-- \nJane\n";

		assertThat(ReplyParts.strippedText(text)).isEqualTo("Use a line with -- in it:\n--\nnot a separator");
		assertThat(ReplyParts.signature(text)).isEqualTo("Jane");
	}

	@Test
	void nestedBlockquotesAreRemovedWhole() {
		String html = "<p>Yes.</p><BLOCKQUOTE type=\"cite\"><p>a</p><blockquote><p>b</p></blockquote><p>c</p></BLOCKQUOTE><p>Bye</p>";

		assertThat(ReplyParts.strippedHtml(html)).isEqualTo("<p>Yes.</p><p>Bye</p>");
	}

	@Test
	void newerGmailQuoteContainersAreRemovedToo() {
		String html = "<div dir=\"ltr\">Yes.</div><div class=\"gmail_quote gmail_quote_container\"><div dir=\"ltr\""
				+ " class=\"gmail_attr\">On Mon, Support wrote:<br></div><div>no blockquote here</div></div>";

		assertThat(ReplyParts.strippedHtml(html)).isEqualTo("<div dir=\"ltr\">Yes.</div>");
	}

}
