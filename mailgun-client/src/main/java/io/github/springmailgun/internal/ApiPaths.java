package io.github.springmailgun.internal;

import java.util.List;

import io.github.springmailgun.error.MailgunValidationException;

/**
 * Path rules the API key depends on besides the host. A URL from a response or an event (a paging link,
 * an event's {@code storage.url}) is in other hands: on a trusted host it may still point at any API,
 * such as {@code /v5/accounts/http_signing_key}, so it must have the shape of what was asked for. Dot
 * segments ({@code .}, {@code ..}, also percent-encoded) are refused everywhere: a hop that normalises
 * paths would turn them into another resource.
 */
public final class ApiPaths {

	/** In a shape, any one segment. */
	private static final String ANY = "*";

	/** At the end of a shape, one or more segments. */
	private static final String ANY_TAIL = "**";

	private static final Shape STORED_MESSAGE = new Shape(
			"a stored message (/v3/domains/{domain}/messages/{storage_key}, without a query)", false,
			List.of("/v3/domains/*/messages/*"));

	private ApiPaths() {
	}

	/**
	 * Returns the one shape of a stored message's URL.
	 * @return {@code /v3/domains/{domain}/messages/{storage_key}} without a query
	 */
	public static Shape storedMessage() {
		return STORED_MESSAGE;
	}

	/**
	 * Returns the shape of the links of a paged list: only the query may differ from the given paths.
	 * @param paths raw paths, where a segment {@code *} stands for any one segment and a last segment
	 * {@code **} for one or more
	 * @return the shape
	 */
	public static Shape list(String... paths) {
		return new Shape("the list first requested (" + paths[0] + ")", true, List.of(paths));
	}

	/**
	 * Checks a value bound for one path segment.
	 * @param parameter the parameter, for the error
	 * @param value the value, before encoding
	 * @throws MailgunValidationException when the value is a dot segment
	 */
	public static void requireSegment(String parameter, String value) {
		if (isDotSegment(value)) {
			throw new MailgunValidationException(parameter, "must not be '.' or '..' (also percent-encoded): as a path "
					+ "segment it would address another resource, was '" + value + "'");
		}
	}

	/**
	 * Returns whether a segment is {@code .} or {@code ..} once percent-decoded, as often as it takes.
	 * @param segment the segment
	 * @return whether a normalising hop would remove it or go up
	 */
	static boolean isDotSegment(String segment) {
		for (int i = 0; i < segment.length(); i++) {
			if ("%25eE.".indexOf(segment.charAt(i)) < 0) {
				return false;
			}
		}
		String decoded = segment;
		String previous;
		do {
			previous = decoded;
			decoded = decoded.replace("%25", "%").replace("%2e", ".").replace("%2E", ".");
		}
		while (!decoded.equals(previous));
		return decoded.equals(".") || decoded.equals("..");
	}

	/**
	 * The paths a URL from a response or an event may have.
	 *
	 * @param description what the shape stands for, for the error
	 * @param query whether the URL may carry a query
	 * @param paths the raw paths a URL's path may match, segment by segment and ignoring case
	 */
	public record Shape(String description, boolean query, List<String> paths) {

		/**
		 * Returns whether a raw path has this shape. A wildcard segment is not empty and carries no encoded
		 * slash or backslash; no segment is a dot segment.
		 * @param rawPath the path, percent-encoded as it goes on the wire
		 * @return whether it matches one of the paths
		 */
		boolean matches(String rawPath) {
			String[] segments = rawPath.split("/", -1);
			for (String segment : segments) {
				if (isDotSegment(segment)) {
					return false;
				}
			}
			return this.paths.stream().anyMatch(path -> matches(segments, path.split("/", -1)));
		}

		private static boolean matches(String[] segments, String[] expected) {
			boolean tail = expected[expected.length - 1].equals(ANY_TAIL);
			if (tail ? segments.length < expected.length : segments.length != expected.length) {
				return false;
			}
			for (int i = 0; i < segments.length; i++) {
				String want = expected[Math.min(i, expected.length - 1)];
				String segment = segments[i];
				boolean wildcard = want.equals(ANY) || want.equals(ANY_TAIL);
				if (wildcard ? (segment.isEmpty() || hasEncodedSeparator(segment)) : !segment.equalsIgnoreCase(want)) {
					return false;
				}
			}
			return true;
		}

		private static boolean hasEncodedSeparator(String segment) {
			String lower = segment.toLowerCase(java.util.Locale.ROOT);
			return lower.contains("%2f") || lower.contains("%5c");
		}

	}

}
