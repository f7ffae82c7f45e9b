package io.github.springmailgun.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A small heuristic for Mailgun's {@code stripped-text}, {@code stripped-signature} and
 * {@code stripped-html} of received mail (Mailgun's own is a trained parser; this one covers the common
 * English-language clients):
 * <ul>
 * <li>quoted lines, those starting with {@code >}, are dropped, with the attribution line just before a
 * block of them ({@code On <date>, <someone> wrote:}, also wrapped onto two lines as Gmail does);
 * answers between quoted lines are kept;</li>
 * <li>the signature is what follows the last line {@code "-- "} (or {@code "--"}, as clients that trim
 * trailing spaces send it);</li>
 * <li>in HTML, every {@code <blockquote>} element and Gmail's {@code <div class="gmail_quote">} are
 * dropped, nested ones included.</li>
 * </ul>
 * Line ends become {@code \n}; the results are stripped of trailing blank space.
 */
final class ReplyParts {

	private static final Pattern ATTRIBUTION = Pattern.compile("^On\\s.*\\bwrote:\\s*$", Pattern.DOTALL);

	private ReplyParts() {
	}

	/**
	 * The reply without the quoted message and without the signature.
	 * @param text the plain-text body
	 * @return Mailgun's {@code stripped-text}
	 */
	static String strippedText(String text) {
		List<String> lines = unquoted(text);
		int separator = signatureSeparator(lines);
		return join((separator >= 0) ? lines.subList(0, separator) : lines);
	}

	/**
	 * The signature of the reply, without its separator line.
	 * @param text the plain-text body
	 * @return Mailgun's {@code stripped-signature}, empty when there is none
	 */
	static String signature(String text) {
		List<String> lines = unquoted(text);
		int separator = signatureSeparator(lines);
		return (separator >= 0) ? join(lines.subList(separator + 1, lines.size())).strip() : "";
	}

	/**
	 * The HTML body without quoted elements.
	 * @param html the HTML body
	 * @return Mailgun's {@code stripped-html}
	 */
	static String strippedHtml(String html) {
		// Newer Gmail adds classes after gmail_quote ("gmail_quote gmail_quote_container").
		String stripped = removeElements(html, "<div class=\"gmail_quote", "div");
		return removeElements(stripped, "<blockquote", "blockquote").stripTrailing();
	}

	private static List<String> unquoted(String text) {
		String[] all = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
		List<String> kept = new ArrayList<>();
		for (String line : all) {
			if (line.startsWith(">")) {
				dropAttribution(kept);
				continue;
			}
			kept.add(line);
		}
		return kept;
	}

	/** Drops the attribution (and the blank lines after it) that a quote block just started after. */
	private static void dropAttribution(List<String> kept) {
		int last = kept.size() - 1;
		while (last >= 0 && kept.get(last).isBlank()) {
			last--;
		}
		if (last < 0 || !kept.get(last).stripTrailing().endsWith("wrote:")) {
			return;
		}
		int first = last;
		if (!ATTRIBUTION.matcher(kept.get(last)).matches() && last > 0
				&& ATTRIBUTION.matcher(kept.get(last - 1) + " " + kept.get(last)).matches()) {
			first = last - 1;
		}
		if (ATTRIBUTION.matcher(String.join(" ", kept.subList(first, last + 1))).matches()) {
			kept.subList(first, kept.size()).clear();
		}
	}

	private static int signatureSeparator(List<String> lines) {
		for (int i = lines.size() - 1; i >= 0; i--) {
			if (lines.get(i).equals("-- ") || lines.get(i).equals("--")) {
				return i;
			}
		}
		return -1;
	}

	private static String join(List<String> lines) {
		return String.join("\n", lines).stripTrailing();
	}

	/** Removes each element that starts with the given text, up to its matching end tag. */
	private static String removeElements(String html, String start, String tag) {
		String lower = html.toLowerCase(Locale.ROOT);
		String open = "<" + tag;
		String close = "</" + tag + ">";
		StringBuilder kept = new StringBuilder(html.length());
		int from = 0;
		int begin;
		while ((begin = lower.indexOf(start.toLowerCase(Locale.ROOT), from)) >= 0) {
			kept.append(html, from, begin);
			int depth = 0;
			int at = begin;
			int end = html.length();
			while (at < lower.length()) {
				int nextOpen = nextTag(lower, open, at);
				int nextClose = lower.indexOf(close, at);
				if (nextClose < 0) {
					break;
				}
				if (nextOpen >= 0 && nextOpen < nextClose) {
					depth++;
					at = nextOpen + open.length();
				}
				else {
					depth--;
					at = nextClose + close.length();
					if (depth == 0) {
						end = at;
						break;
					}
				}
			}
			from = end;
		}
		return kept.append(html, from, html.length()).toString();
	}

	/** The next {@code <tag} that is that tag, not a longer name ({@code <divider}). */
	private static int nextTag(String lower, String open, int from) {
		int at = from;
		while ((at = lower.indexOf(open, at)) >= 0) {
			int after = at + open.length();
			if (after >= lower.length() || !Character.isLetterOrDigit(lower.charAt(after))) {
				return at;
			}
			at = after;
		}
		return -1;
	}

}
