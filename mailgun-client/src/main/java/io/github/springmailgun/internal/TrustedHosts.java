package io.github.springmailgun.internal;

import java.net.URI;
import java.util.Locale;

import io.github.springmailgun.error.MailgunValidationException;

/**
 * Decides where the API key may be sent: the configured base URL's host and port, and Mailgun's own
 * HTTPS hosts ({@code *.mailgun.net}, where stored messages and paging links live). Anything else,
 * such as a URL from a forged webhook, is refused before a request is made.
 */
public final class TrustedHosts {

	private final URI baseUrl;

	/**
	 * Creates the policy for a base URL.
	 * @param baseUrl the configured API base URL
	 */
	public TrustedHosts(URI baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Returns whether the key may be sent to this URL.
	 * @param target an absolute URL
	 * @return whether it is trusted
	 */
	public boolean isTrusted(URI target) {
		String host = target.getHost();
		String scheme = target.getScheme();
		if (host == null || scheme == null || target.getRawUserInfo() != null) {
			return false;
		}
		if (scheme.equalsIgnoreCase(this.baseUrl.getScheme()) && host.equalsIgnoreCase(this.baseUrl.getHost())
				&& port(target) == port(this.baseUrl)) {
			return true;
		}
		String lower = host.toLowerCase(Locale.ROOT);
		return scheme.equalsIgnoreCase("https") && port(target) == 443
				&& (lower.equals("mailgun.net") || lower.endsWith(".mailgun.net"));
	}

	/**
	 * Checks a URL and parses it, refusing untrusted ones.
	 * @param parameter the parameter the URL came from, for the error
	 * @param url the URL text
	 * @return the URL
	 * @throws MailgunValidationException when the URL is malformed or its host is not trusted
	 */
	public URI require(String parameter, String url) {
		URI target;
		try {
			target = URI.create(url.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new MailgunValidationException(parameter, "is not a valid URL");
		}
		if (!target.isAbsolute() || !isTrusted(target)) {
			throw new MailgunValidationException(parameter, "points to " + describe(target)
					+ ", which is neither the configured Mailgun base URL (" + this.baseUrl
					+ ") nor an https Mailgun host (*.mailgun.net); the API key is not sent there");
		}
		return target;
	}

	/**
	 * Checks a URL from a response or an event, refusing an untrusted host and, on a trusted one, any path
	 * but those of the shape: the host alone would let a forged URL take the key to any API.
	 * @param parameter the parameter the URL came from, for the error
	 * @param url the URL text
	 * @param shape the paths the URL may have
	 * @return the URL
	 * @throws MailgunValidationException when the URL is malformed, its host is not trusted or its path,
	 * query or fragment does not fit the shape
	 */
	public URI require(String parameter, String url, ApiPaths.Shape shape) {
		URI target = require(parameter, url);
		String path = target.getRawPath();
		if (path == null || target.getRawFragment() != null || (!shape.query() && target.getRawQuery() != null)
				|| !shape.matches(path)) {
			throw new MailgunValidationException(parameter, "points to '" + ErrorResponses.cut(target.getRawPath()
					+ ((target.getRawQuery() != null) ? "?..." : "")) + "' on host '" + target.getHost()
					+ "', which is not " + shape.description() + "; the API key is not sent there");
		}
		return target;
	}

	private static String describe(URI target) {
		return (target.getHost() != null) ? "host '" + target.getHost() + "'" : "'" + target + "'";
	}

	private static int port(URI uri) {
		if (uri.getPort() >= 0) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

}
